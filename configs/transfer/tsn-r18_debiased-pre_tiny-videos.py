# Transfer smoke test: the stock tiny TSN-R18 from a debiased export, new 3-class head; see README.md.
_base_ = ['../baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py']

load_from = '{{$MMDEBIAS_TRANSFER_CHECKPOINT:work_dirs/transfer/tiny_backbone.pth}}'
model = dict(cls_head=dict(num_classes=3))
train_cfg = dict(max_epochs=1, val_begin=1, val_interval=1)
param_scheduler = [dict(type='ConstantLR', factor=1.0, by_epoch=True, begin=0, end=1)]
