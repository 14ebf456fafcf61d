# SDN faithful reproduction, scene-adversarial stage (Choi et al., NeurIPS 2019); see README.md.
_base_ = [
    'mmaction::recognition/slowonly/slowonly_r50_8xb16-4x16x1-256e_kinetics400-rgb.py',
    '../_base_/models/adversaries/sdn_scene.py', '../_base_/models/r3d18_16x112_backbone.py'
]
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

data_root = 'data/kinetics400/videos_train'
data_root_val = 'data/kinetics400/videos_val'
ann_file_train = 'data/mini_kinetics200/mini_kinetics200_train_list_videos.txt'
ann_file_val = 'data/mini_kinetics200/mini_kinetics200_val_list_videos.txt'
scene_label_file = 'data/kinetics400/scene_labels_places365_train.npz'

model = dict(
    backbone=dict(_base_.pop('r3d18_backbone'), _delete_=True),
    neck=dict(
        type='AdversarialAspectNeck',
        in_channels=512,
        adversaries=[{{_base_.sdn_scene_adversary}}]),
    cls_head=dict(in_channels=512, num_classes=200, dropout_ratio=0.5))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=scene_label_file, key='scene_label',
         data_root=data_root),
    dict(type='SampleFrames', clip_len=16, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 128)),
    dict(type='RandomResizedCrop'),
    dict(type='Resize', scale=(112, 112), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', ))
]
val_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=16, frame_interval=1, num_clips=1, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 128)),
    dict(type='CenterCrop', crop_size=112),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=16, frame_interval=1, num_clips=10, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 128)),
    dict(type='CenterCrop', crop_size=112),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(
    batch_size=32,
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root),
                 pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=32,
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root_val),
                 pipeline=val_pipeline))
test_dataloader = dict(
    dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root_val),
                 pipeline=test_pipeline))

train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=100, val_begin=1, val_interval=1)
param_scheduler = [
    dict(type='ReduceOnPlateauLR', monitor='acc/top1', rule='greater', factor=0.1,
         patience=5, by_epoch=True)
]
optim_wrapper = dict(
    _delete_=True,
    optimizer=dict(type='SGD', lr=1e-4, momentum=0.9, weight_decay=1e-5))
auto_scale_lr = dict(enable=False, base_batch_size=32)
