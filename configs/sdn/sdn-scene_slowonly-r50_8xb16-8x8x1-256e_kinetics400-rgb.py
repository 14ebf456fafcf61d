# SDN scene-adversarial stage (Choi et al., NeurIPS 2019) on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = [
    'mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py',
    '../_base_/models/adversaries/sdn_scene.py'
]
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

data_root = 'data/kinetics400/videos_train'
scene_label_file = 'data/kinetics400/scene_labels_places365_train.npz'

model = dict(
    neck=dict(
        type='AdversarialAspectNeck',
        in_channels=2048,
        adversaries=[{{_base_.sdn_scene_adversary}}]))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=scene_label_file, key='scene_label',
         data_root=data_root),
    dict(type='SampleFrames', clip_len=8, frame_interval=8, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='RandomResizedCrop'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', ))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
