# Transfer on UCF101 split 3: the split-1 config with the split-3 lists.
_base_ = ['./r3d-18_debiased-minikinetics200-pre_16x112_ucf101-split1.py']

split = 3
train_dataloader = dict(dataset=dict(ann_file=f'data/ucf101/ucf101_train_split_{split}_videos_trainsub.txt'))
val_dataloader = dict(dataset=dict(ann_file=f'data/ucf101/ucf101_train_split_{split}_videos_holdout.txt'))
test_dataloader = dict(dataset=dict(ann_file=f'data/ucf101/ucf101_val_split_{split}_videos.txt'))
