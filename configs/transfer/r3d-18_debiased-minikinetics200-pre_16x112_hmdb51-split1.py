# Transfer on HMDB51 split 1 (51 classes): ./r3d-18_debiased-minikinetics200-pre_16x112_ucf101-split1.py
# (its header: export, load_from, schedule) with the HMDB51 split-1 lists (MMAction2's
# tools/data/hmdb51; hold-out: tools/data/holdout_val_split.py on the train list).
# Expected numbers (SDN, 3-split mean): 53.6 (no debiasing) -> 56.7 (SDN full model).
_base_ = ['./r3d-18_debiased-minikinetics200-pre_16x112_ucf101-split1.py']

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
