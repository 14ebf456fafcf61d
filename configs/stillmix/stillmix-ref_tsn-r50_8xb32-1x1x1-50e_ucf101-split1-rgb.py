# StillMix reference network for UCF101 split 1; see README.md.
_base_ = './stillmix-ref_tsn-r50_8xb32-1x1x1-50e_kinetics400-rgb.py'

model = dict(cls_head=dict(num_classes=101))
data_root = 'data/ucf101/videos'
ann_file_train = 'data/ucf101/ucf101_train_split_1_videos_trainsub.txt'
ann_file_val = 'data/ucf101/ucf101_train_split_1_videos_holdout.txt'
train_dataloader = dict(
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
test_dataloader = val_dataloader
load_from = None  # ImageNet-pretrained backbone (stock); or a K400 TSN checkpoint
