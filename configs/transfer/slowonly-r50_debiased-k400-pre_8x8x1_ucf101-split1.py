# Transfer of a debiased Kinetics-400 SlowOnly-R50 8x8x1 (the project's K400 entry points:
# configs/albar/albar_slowonly-r50_8x8x1_kinetics400.py, configs/sdn/sdn-*_slowonly-r50_8x8x1_
# kinetics400.py / _minikinetics200.py, configs/comparison/*_slowonly-r50_8x8x1_kinetics400.py)
# fine-tuned end to end on UCF101 split 1, its classifier re-initialised. A STOCK MMAction2
# config: MMAction2's own SlowOnly-R50 8x8x1 config (model, pipelines) with the UCF101 lists;
# no mmdebias import is needed.
#
#   python tools/model_converters/export_stock_checkpoint.py \
#       configs/albar/albar_slowonly-r50_8x8x1_kinetics400.py work_dirs/albar/best.pth \
#       work_dirs/transfer/debiased_backbone.pth --drop-head
#   MMDEBIAS_TRANSFER_CHECKPOINT=work_dirs/transfer/debiased_backbone.pth \
#       python tools/train.py configs/transfer/slowonly-r50_debiased-k400-pre_8x8x1_ucf101-split1.py
#
# load_from is applied after the model's initialisation: the head, absent from a --drop-head
# export, keeps its fresh initialisation. Checkpoints are selected on a validation split held
# out from the training list (tools/data/holdout_val_split.py); the official split-1 list is
# the test set. Schedule: the project's K400 -> UCF101 / HMDB51 fine-tuning schedule
# (configs/comparison/baseline_slowonly-r50_8x8x1_hmdb51.py: lr 0.001, cosine, 50 epochs).
# Splits 2 / 3: the -split2 / -split3 configs; the mean: tools/analysis/mean_over_splits.py.
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
