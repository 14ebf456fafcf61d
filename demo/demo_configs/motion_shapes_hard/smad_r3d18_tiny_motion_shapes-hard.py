# SMAD (Duan et al., ECCV 2022) on the shortcut-bound preset: SAAR neck + adversaries on the
# two planted cues, scene = background palette, object = actor colour (six each).
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
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
                    dict(type='AspectAdversary', name='scene', num_classes=6, hidden_channels=64,
                         num_hidden_layers=2, hard_labels=True,
                         loss=dict(type='CrossEntropyLoss')),
                    dict(type='AspectAdversary', name='object', num_classes=6, hidden_channels=64,
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
