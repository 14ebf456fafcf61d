# ActorCutMix (Zou et al.): the actor of a clip (its boxes from the generator's detection
# cache) pasted onto another clip (its actor removed), p 0.5; label w y_i + (1 - w) y_j,
# w = 1 - (1 - actor area)^4 (the released code).
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='ActorCutMixBlending',
            num_classes={{_base_.model.cls_head.num_classes}},
            prob=0.5)))
train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='LoadActorMask', cache_root=f'{data_root}/actor_boxes', data_root=data_root),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('actor_mask', ))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
