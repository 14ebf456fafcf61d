# SMAD (Duan et al., ECCV 2022 workshops) on the MotionShapes demo: fine-tunes the pretrained
# plain model (load_from) with the same schedule as baseline-ft, plus the SAAR neck and
# multi-aspect adversarial training (MAAT, normalize_by_num_aspects: every aspect weight divided by the
# number of aspects) on two static aspects of the training clip, written by the generator in
# the LoadAspectLabels format: the scene (background palette, scene_labels.npz) and the
# object (the actor's shape, object_labels.npz). Both are one-hot, so single-label CE.
# Expected pattern: higher SCUBA (scene aspect) and lower SCUFO (object aspect: the static
# actor carries less label information). Measured (demo, seeds 0-2): original 99.7, SCUBA
# 80.8, SCUFO 25.3, contrasted 56.8, Confl-BG 92.7 (baseline 99.8 / 88.0 / 36.5 / 52.0 /
# 98.8). README "Demo".
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']

data_root = '{{$MMDEBIAS_MOTION_SHAPES:data/synthetic/motion_shapes}}'
model = dict(
    neck=dict(
        type='SequentialNeck',
        necks=[
            dict(type='SAARNeck', in_channels=128),
            dict(
                type='AdversarialAspectNeck',
                in_channels=128,
                normalize_by_num_aspects=True,
                adversaries=[
                    dict(type='AspectAdversary', name='scene', num_classes=4, hidden_channels=64,
                         num_hidden_layers=2, hard_labels=True,
                         loss=dict(type='CrossEntropyLoss')),
                    dict(type='AspectAdversary', name='object', num_classes=4, hidden_channels=64,
                         num_hidden_layers=2, hard_labels=True,
                         loss=dict(type='CrossEntropyLoss')),
                ]),
        ]))
custom_hooks = [dict(type='GRLScheduleHook', schedule='sigmoid')]

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=f'{data_root}/scene_labels.npz', key='scene_label',
         data_root=data_root, label_format='top1'),
    dict(type='LoadAspectLabels', label_file=f'{data_root}/object_labels.npz',
         key='object_label', data_root=data_root, label_format='top1'),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', 'object_label'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
