# Baseline of the comparison family (ALBAR's Table 1) on SlowOnly-R50 8x8x1, HMDB51 split 1; see README.md.
_base_ = 'mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)

model = dict(cls_head=dict(num_classes=51))

# Checkpoints are selected on a validation split held out from the TRAINING list, never on the
# official test split. Make it once with
#   python tools/data/holdout_val_split.py data/hmdb51/hmdb51_train_split_1_videos.txt
data_root = 'data/hmdb51/videos'
ann_file_train = 'data/hmdb51/hmdb51_train_split_1_videos_trainsub.txt'
ann_file_val = 'data/hmdb51/hmdb51_train_split_1_videos_holdout.txt'
ann_file_test = 'data/hmdb51/hmdb51_val_split_1_videos.txt'  # official split-1 test list
train_dataloader = dict(
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file_test, data_prefix=dict(video=data_root)))
# Fine-tune from a Kinetics-400 checkpoint of the same model (cannot be downloaded here):
load_from = None

# short fine-tuning schedule from K400 weights
train_cfg = dict(max_epochs=50, val_interval=1)
optim_wrapper = dict(optimizer=dict(lr=0.001))
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=50, eta_min=0, by_epoch=True, begin=0, end=50)
]
default_hooks = dict(checkpoint=dict(interval=5, save_best='acc/top1', rule='greater'))
