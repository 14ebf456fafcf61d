# StillMix reference network for UCF101 split 1: the 2D version of the backbone (TSN-R50)
# trained on SINGLE frames with the video label (one frame per video per epoch), the authors'
# schedule (50 epochs, lr 0.01, steps at 20 / 40): ./ref-tsn-r50_1x1x1_kinetics400.py on the
# UCF101 split-1 lists. tools/data/stillmix_frame_bank.py trains it (or takes its checkpoint),
# scores every training frame and writes the bank:
#   python tools/data/stillmix_frame_bank.py configs/stillmix/ref-tsn-r50_1x1x1_ucf101.py \
#       --work-dir work_dirs/stillmix_bank_ucf101 --out data/ucf101/stillmix_bank.npz
_base_ = './ref-tsn-r50_1x1x1_kinetics400.py'

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
