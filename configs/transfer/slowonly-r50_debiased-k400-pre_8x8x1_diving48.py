# Transfer on Diving48 (V2 lists, 48 classes, one official split):
# ./slowonly-r50_debiased-k400-pre_8x8x1_ucf101-split1.py (its header: export, load_from,
# schedule) with MMAction2's tools/data/diving48 lists.
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
