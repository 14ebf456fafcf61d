# Faithful reproduction of ALBAR's released HMDB51 run (Fioresi, Dave & Shah, ICLR 2025); see README.md.
_base_ = ('mmaction::recognition/swin/'
          'swin-tiny-p244-w877_in1k-pre_8xb8-amp-32x2x1-30e_kinetics400-rgb.py')
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)

model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    backbone=dict(pretrained=None),  # the whole K400 recognizer comes from load_from
    data_preprocessor=dict(type='StaticClipSampler', frame_index=16),
    cls_head=dict(
        _delete_=True,
        type='ALBARHead',
        head=dict(
            type='I3DHead',
            in_channels=768,
            num_classes=51,
            spatial_type='avg',
            dropout_ratio=0.5,
            average_clips='prob'),
        loss_motion_weight=1.0,
        loss_static_weight=1.0,
        loss_entropy_weight=4.25,
        loss_gp_weight=10.0,
        gp_mode='released'))

# MMAction2 model zoo: Swin-T K400 (download it beforehand; nothing is fetched at run time).
load_from = ('checkpoints/swin-tiny-p244-w877_in1k-pre_8xb8-amp-32x2x1-30e_'
             'kinetics400-rgb_20220930-241016b2.pth')

data_root = 'data/hmdb51/videos'
ann_file_train = 'data/hmdb51/hmdb51_train_split_1_videos_trainsub.txt'
ann_file_val = 'data/hmdb51/hmdb51_train_split_1_videos_holdout.txt'
ann_file_test = 'data/hmdb51/hmdb51_val_split_1_videos.txt'  # official split-1 test list
train_dataloader = dict(
    batch_size=6,
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root)))
val_dataloader = dict(
    batch_size=6,
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file_test, data_prefix=dict(video=data_root)))

train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=50, val_begin=1, val_interval=1)
optim_wrapper = dict(
    _delete_=True,
    type='AmpOptimWrapper',
    optimizer=dict(type='AdamW', lr=1e-5, betas=(0.9, 0.999), weight_decay=0.05))
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=2.5,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=50, eta_min=0, by_epoch=True, begin=0, end=50)
]
default_hooks = dict(
    checkpoint=dict(interval=5, max_keep_ckpts=3, save_best='acc/top1', rule='greater'),
    logger=dict(interval=50),
    random_state=dict(type='RandomStateHook'))  # exact resume (mmdebias)
auto_scale_lr = dict(enable=False, base_batch_size=6)
