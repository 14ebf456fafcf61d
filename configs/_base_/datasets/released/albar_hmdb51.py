# The HMDB51 SCUBA / SCUFO sets in ALBAR's layout (Fioresi et al., ICLR 2025); see configs/released_bias/README.md.
root = '{{$MMDEBIAS_ALBAR_HMDB51:data/released/albar/hmdb51}}'
label_file = '{{$MMDEBIAS_HMDB51_TEST_LIST:data/hmdb51/hmdb51_val_split_1_videos.txt}}'
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
        data_root=root,
        dataset='HMDB51',
        backgrounds=dict(places365='Places365', vqgan='VQGAN', stripes='Stripe'),
        protocols=('scuba', 'scufo'),
        label_file=label_file,
        num_classes=51,
        pipeline=test_pipeline,
        test_mode=True))
test_evaluator = dict(type='StaticBiasMetric')
test_cfg = dict(type='TestLoop')
