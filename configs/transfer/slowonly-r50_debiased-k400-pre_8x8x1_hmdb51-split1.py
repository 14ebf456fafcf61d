# Transfer on HMDB51 split 1 (51 classes): the UCF101 split-1 config with the HMDB51 lists.
_base_ = ['./slowonly-r50_debiased-k400-pre_8x8x1_ucf101-split1.py']

model = dict(cls_head=dict(num_classes=51))
split = 1
data_root = 'data/hmdb51/videos'
train_dataloader = dict(
    dataset=dict(ann_file=f'data/hmdb51/hmdb51_train_split_{split}_videos_trainsub.txt',
                 data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=f'data/hmdb51/hmdb51_train_split_{split}_videos_holdout.txt',
                 data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(ann_file=f'data/hmdb51/hmdb51_val_split_{split}_videos.txt',
                 data_prefix=dict(video=data_root)))
