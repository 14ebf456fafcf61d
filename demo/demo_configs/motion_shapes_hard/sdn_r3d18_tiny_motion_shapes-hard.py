# SDN (Choi et al., NeurIPS 2019) scene adversary on the shortcut-bound preset: the background
# palette (six) as the scene label, GRL with the DANN ramp.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
model = dict(
    neck=dict(
        type='AdversarialAspectNeck',
        in_channels=128,
        adversaries=[
            dict(type='AspectAdversary', name='scene', num_classes=6, hidden_channels=64,
                 num_hidden_layers=2, grl_lambda=1.0, hard_labels=True,
                 loss=dict(type='CrossEntropyLoss'))
        ]))
custom_hooks = [dict(type='GRLScheduleHook', schedule='sigmoid')]
train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=f'{data_root}/scene_labels.npz', key='scene_label',
         data_root=data_root, label_format='top1'),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', ))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
