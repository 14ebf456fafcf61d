# Smoke test of the transfer protocol through tools/train.py: the stock tiny TSN-R18 of
# configs/baseline/tsn_r18_tiny_videos.py (4 real videos, 3 segments at 64x64, CPU) with its
# backbone loaded from a stock export of a debiasing checkpoint and a freshly initialised
# 3-class head (another class count than the source's 2: nothing of the source head can be
# reused). The tests run it on an export of configs/albar/albar_tsn-r18_tiny_videos.py:
#   python tools/model_converters/export_stock_checkpoint.py \
#       configs/albar/albar_tsn-r18_tiny_videos.py work_dirs/albar_tsn-r18_tiny_videos/epoch_4.pth \
#       work_dirs/transfer/tiny_backbone.pth --drop-head
#   MMDEBIAS_TRANSFER_CHECKPOINT=work_dirs/transfer/tiny_backbone.pth \
#       python tools/train.py configs/transfer/tsn-r18_debiased-pre_tiny-videos.py
# The numbers it prints mean nothing; it proves export -> load_from -> fine-tuning runs.
_base_ = ['../baseline/tsn_r18_tiny_videos.py']

load_from = '{{$MMDEBIAS_TRANSFER_CHECKPOINT:work_dirs/transfer/tiny_backbone.pth}}'
model = dict(cls_head=dict(num_classes=3))
train_cfg = dict(max_epochs=1, val_begin=1, val_interval=1)
param_scheduler = [dict(type='ConstantLR', factor=1.0, by_epoch=True, begin=0, end=1)]
