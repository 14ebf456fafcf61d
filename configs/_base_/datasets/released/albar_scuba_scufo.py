# ALBAR's SCUBA / SCUFO sets (Fioresi et al., ICLR 2025) in its zip / jpg layout, read as ALBAR's loader reads them: the
# pipeline and loader that albar_hmdb51.py and albar_ucf101_corrected.py share; see configs/released_bias/README.md.
meta_keys = ('video_id', 'pair_id', 'protocol', 'background')

test_pipeline = [
    dict(type='ZipFrameInit'),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=25, test_mode=True),
    dict(type='ZipFrameDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='TenCrop', crop_size=224),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=meta_keys)
]
test_dataloader = dict(
    batch_size=1,
    num_workers=4,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='ALBARBiasDataset',
        backgrounds=dict(places365='Places365', vqgan='VQGAN', stripes='Stripe'),
        protocols=('scuba', 'scufo'),
        pipeline=test_pipeline,
        test_mode=True))
test_evaluator = dict(type='StaticBiasMetric')
test_cfg = dict(type='TestLoop')
