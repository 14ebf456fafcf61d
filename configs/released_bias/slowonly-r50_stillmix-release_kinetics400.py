# A 3D model on the same benchmarks: MMAction2's stock SlowOnly-R50 8x8x1 (Kinetics-400) on
# StillMix's released Kinetics-400 sets. Only the test pipeline changes (clips of 8 frames,
# interval 8, 10 clips x 3 crops, NCTHW) and SCUFO takes one frame position per sample,
# repeated within each clip (scope='clip', StillMix's TemporalSelect for 3D models); the
# dataset and the metric are the fragment's.
#
#   MMDEBIAS_STILLMIX_K400=/path/to/release python tools/test.py \
#       configs/released_bias/slowonly-r50_stillmix-release_kinetics400.py CHECKPOINT
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
