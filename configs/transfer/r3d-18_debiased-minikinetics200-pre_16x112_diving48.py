# Transfer on Diving48 (V2 lists, 48 classes, one official split):
# ./r3d-18_debiased-minikinetics200-pre_16x112_ucf101-split1.py (its header: export,
# load_from, schedule) with MMAction2's tools/data/diving48 lists (hold-out:
# tools/data/holdout_val_split.py on the train list). Diving48 has little scene bias
# (RESOUND: 1.26), so it tells whether the debiased features carry more motion.
# Expected numbers (SDN): 18.0 (no debiasing) -> 20.5 (SDN full model).
_base_ = ['./r3d-18_debiased-minikinetics200-pre_16x112_ucf101-split1.py']

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
