# ActorCutMix (Zou et al.) on the MotionShapes demo: fine-tunes the pretrained plain model like
# baseline-ft_r3d18_tiny_motion_shapes.py; the actor of clip i (its box in every frame, written
# by the generator in the detection-cache format, actor_boxes/) is pasted onto the frames of
# another clip j (j's actor removed), label w y_i + (1 - w) y_j with
# w = 1 - (1 - actor area)^4 (the released code), probability 0.5. No spatial transforms:
# the masks are at the decoded 32x32 size.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']

data_root = '{{$MMDEBIAS_MOTION_SHAPES:data/synthetic/motion_shapes}}'
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
