# Transfer on HMDB51 split 1 (51 classes): the UCF101 split-1 config with the HMDB51 lists.
_base_ = ['./slowonly-r50_debiased-k400-pre_8x8x1_ucf101-split1.py', '../_base_/datasets/transfer/hmdb51_split1.py']

__d = _base_.pop('hmdb51_split1')
model, data_root, split = __d.model, __d.data_root, __d.split
train_dataloader, val_dataloader = __d.train_dataloader, __d.val_dataloader
test_dataloader = __d.test_dataloader
