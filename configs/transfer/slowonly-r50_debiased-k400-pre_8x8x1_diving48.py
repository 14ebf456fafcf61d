# Transfer on Diving48 V2 (48 classes, one split): the UCF101 split-1 config with its lists.
_base_ = ['./slowonly-r50_debiased-k400-pre_8x8x1_ucf101-split1.py']

model = dict(cls_head=dict(num_classes=48))
data_root = 'data/diving48/videos'
train_dataloader = dict(
    dataset=dict(ann_file='data/diving48/diving48_train_list_videos_trainsub.txt',
                 data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file='data/diving48/diving48_train_list_videos_holdout.txt',
                 data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(ann_file='data/diving48/diving48_val_list_videos.txt',
                 data_prefix=dict(video=data_root)))
