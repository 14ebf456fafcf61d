# Transfer: stock SlowOnly-R50 8x8x1 from a debiased K400 export, fine-tuned on UCF101 split 1; see README.md.
_base_ = 'mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py'

load_from = '{{$MMDEBIAS_TRANSFER_CHECKPOINT:work_dirs/transfer/debiased_backbone.pth}}'

model = dict(cls_head=dict(num_classes=101))

data_root = 'data/ucf101/videos'
split = 1
train_dataloader = dict(
    dataset=dict(ann_file=f'data/ucf101/ucf101_train_split_{split}_videos_trainsub.txt',
                 data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=f'data/ucf101/ucf101_train_split_{split}_videos_holdout.txt',
                 data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(ann_file=f'data/ucf101/ucf101_val_split_{split}_videos.txt',
                 data_prefix=dict(video=data_root)))

train_cfg = dict(max_epochs=50, val_interval=1)
optim_wrapper = dict(optimizer=dict(lr=0.001))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=50, eta_min=0, by_epoch=True, begin=0, end=50)
]
default_hooks = dict(checkpoint=dict(interval=5, save_best='acc/top1', rule='greater',
                                     max_keep_ckpts=3))
