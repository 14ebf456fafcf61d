# MotionShapes synthetic static-bias benchmark (mmdebias/preparation/synthetic/motion_shapes.py).
# Generate it with:  python tools/data/make_motion_shapes.py data/synthetic/motion_shapes
# Train/val: stock VideoDataset. Test: original + SCUBA + SCUFO + Confl-FG + Confl-BG
# concatenated, each a BiasVideoDataset, scored by StaticBiasMetric (pairs matched by
# pair_id; Confl-BG = the original clips on the background of another class).
# No Flip: the label is the direction of motion, a horizontal flip would swap left/right.
# The folder: the environment variable MMDEBIAS_MOTION_SHAPES if set (mmengine substitutes
# it; demo/bias_demo.py sets it to --data-root), else data/synthetic/motion_shapes.
data_root = '{{$MMDEBIAS_MOTION_SHAPES:data/synthetic/motion_shapes}}'

file_client_args = dict(io_backend='disk')
train_pipeline = [
    dict(type='DecordInit', **file_client_args),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]
test_pipeline = [
    dict(type='DecordInit', **file_client_args),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(
        type='PackActionInputs',
        meta_keys=('img_shape', 'video_id', 'pair_id', 'protocol', 'background',
                   'static_label'))
]

train_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=False,  # exact resume (RandomStateHook): worker RNG stays restorable
    sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(
        type='VideoDataset',
        ann_file=f'{data_root}/train.txt',
        data_prefix=dict(video=data_root),
        pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=True,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='VideoDataset',
        ann_file=f'{data_root}/val.txt',
        data_prefix=dict(video=data_root),
        pipeline=test_pipeline,
        test_mode=True))
test_dataloader = dict(
    batch_size=16,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='ConcatDataset',
        datasets=[
            dict(
                type='BiasVideoDataset',
                ann_file=f'{data_root}/{protocol}.json',
                protocol=protocol,
                data_prefix=dict(video=data_root),
                pipeline=test_pipeline,
                test_mode=True)
            for protocol in ('original', 'scuba', 'scufo', 'conflfg', 'conflbg')
        ]))

val_evaluator = dict(type='AccMetric')
test_evaluator = dict(type='StaticBiasMetric')
