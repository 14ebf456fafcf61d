# Evaluate the stock SlowOnly-R50 8x8x1 (Kinetics-400) on StillMix's released Kinetics-400 benchmarks; see README.md.
_base_ = [
    'mmaction::_base_/models/slowonly_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/stillmix_kinetics400.py'
]
model = dict(backbone=dict(pretrained=None))
test_pipeline = [
    dict(type='SampleFrames', clip_len=8, frame_interval=8, num_clips=10, test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='ThreeCrop', crop_size=256),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs',
         meta_keys=('video_id', 'pair_id', 'protocol', 'background', 'static_label'))
]
test_dataloader = dict(dataset=dict(
    pipeline=test_pipeline,
    scufo_transform=dict(type='StaticFrameRepeat', frame_index='random', seed=0,
                         scope='clip')))
