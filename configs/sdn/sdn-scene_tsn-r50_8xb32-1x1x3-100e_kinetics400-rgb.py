# SDN scene-adversarial stage (Choi et al., NeurIPS 2019) on TSN-R50 1x1x3, Kinetics-400; see README.md.
_base_ = [
    'mmaction::recognition/tsn/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py',
    '../_base_/models/adversaries/sdn_scene.py'
]
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

data_root = 'data/kinetics400/videos_train'
scene_label_file = 'data/kinetics400/scene_labels_places365_train.npz'

model = dict(
    backbone=dict(out_indices=(2, 3)),
    neck=dict(
        type='AdversarialAspectNeck',
        in_channels=2048,
        adversaries=[{{_base_.sdn_scene_adversary}}]))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=scene_label_file, key='scene_label',
         data_root=data_root),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='MultiScaleCrop', input_size=224, scales=(1, 0.875, 0.75, 0.66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', ))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
