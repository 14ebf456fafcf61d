# Transfer on HMDB51 split 2: the split-1 config with the split-2 lists.
_base_ = ['./r3d-18_debiased-minikinetics200-pre_16x112_hmdb51-split1.py']

split = 2
train_dataloader = dict(dataset=dict(ann_file=f'data/hmdb51/hmdb51_train_split_{split}_videos_trainsub.txt'))
val_dataloader = dict(dataset=dict(ann_file=f'data/hmdb51/hmdb51_train_split_{split}_videos_holdout.txt'))
test_dataloader = dict(dataset=dict(ann_file=f'data/hmdb51/hmdb51_val_split_{split}_videos.txt'))
