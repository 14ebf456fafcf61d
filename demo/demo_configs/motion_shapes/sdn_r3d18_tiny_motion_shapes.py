# SDN's scene adversary (Choi et al., NeurIPS 2019) on the MotionShapes demo: fine-tunes the
# pretrained plain model (load_from) with the same schedule as baseline-ft, plus a scene
# classifier behind a gradient reversal layer on the pooled backbone feature. The "scene" is
# the background palette id of the training clip (scene_labels.npz, written by the
# generator in the LoadAspectLabels pseudo-label format; one-hot, so single-label CE). The
# GRL strength ramps 0 -> grl_lambda with the DANN sigmoid (GRLScheduleHook). The human-mask
# confusion half of SDN is not used here. Expected pattern: lower scene accuracy of the
# features, higher SCUBA (new backgrounds); SCUFO is not targeted (the actor's appearance
# is a foreground cue). Measured (demo, seeds 0-2): original 99.2, SCUBA 81.3, SCUFO 26.8,
# contrasted 55.2, Confl-BG 94.0 (baseline 99.8 / 88.0 / 36.5 / 52.0 / 98.8): the scene head
# ends near chance, but the plain model did not use the background on moving clips, so
# SCUBA and Confl-BG fall instead of rising. README "Demo".
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']

data_root = '{{$MMDEBIAS_MOTION_SHAPES:data/synthetic/motion_shapes}}'
model = dict(
    neck=dict(
        type='AdversarialAspectNeck',
        in_channels=128,
        adversaries=[
            dict(type='AspectAdversary', name='scene', num_classes=4, hidden_channels=64,
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
