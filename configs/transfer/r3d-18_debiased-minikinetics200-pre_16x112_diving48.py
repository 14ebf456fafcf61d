# Transfer on Diving48 V2 (48 classes, one split): the UCF101 split-1 config with its lists.
_base_ = ['./r3d-18_debiased-minikinetics200-pre_16x112_ucf101-split1.py', '../_base_/datasets/transfer/diving48.py']

__d = _base_.pop('diving48')
model, data_root = __d.model, __d.data_root
train_dataloader, val_dataloader = __d.train_dataloader, __d.val_dataloader
test_dataloader = __d.test_dataloader
