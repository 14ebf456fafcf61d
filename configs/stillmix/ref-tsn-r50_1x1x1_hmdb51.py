# StillMix reference network for HMDB51 split 1: the 2D version of the backbone (TSN-R50)
# trained on SINGLE frames with the video label (one frame per video per epoch), the authors'
# schedule (50 epochs, lr 0.01, steps at 20 / 40). tools/data/stillmix_frame_bank.py trains it
# (or takes its checkpoint), scores every training frame and writes the bank:
#   python tools/data/stillmix_frame_bank.py configs/stillmix/ref-tsn-r50_1x1x1_hmdb51.py \
#       --work-dir work_dirs/stillmix_bank_hmdb51 --out data/hmdb51/stillmix_bank.npz
_base_ = 'mmaction::recognition/tsn/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)

model = dict(cls_head=dict(num_classes=51))
train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='MultiScaleCrop', input_size=224, scales=(1, 0.875, 0.75, 0.66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs')
]
val_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=8, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='CenterCrop', crop_size=224),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs')
]
data_root = 'data/hmdb51/videos'
ann_file_train = 'data/hmdb51/hmdb51_train_split_1_videos_trainsub.txt'
ann_file_val = 'data/hmdb51/hmdb51_train_split_1_videos_holdout.txt'
train_dataloader = dict(
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root),
                 pipeline=train_pipeline))
val_dataloader = dict(
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root),
                 pipeline=val_pipeline))
test_dataloader = val_dataloader
load_from = None  # ImageNet-pretrained backbone (stock); or a K400 TSN checkpoint

train_cfg = dict(max_epochs=50, val_interval=5)
optim_wrapper = dict(optimizer=dict(lr=0.01))
param_scheduler = [
    dict(type='MultiStepLR', begin=0, end=50, by_epoch=True, milestones=[20, 40], gamma=0.1)
]
default_hooks = dict(checkpoint=dict(interval=5, save_best='acc/top1', rule='greater'))
