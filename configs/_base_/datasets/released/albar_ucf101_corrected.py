# ALBAR's corrected UCF101 SCUBA / SCUFO (Fioresi et al., ICLR 2025), read as ALBAR's loader reads it; see configs/released_bias/README.md.
root = '{{$MMDEBIAS_ALBAR_UCF101:data/released/albar/ucf101}}'
class_list = '{{$MMDEBIAS_UCF101_CLASS_LIST:data/ucf101/annotations/classInd.txt}}'
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
        dataset='UCF101',
        backgrounds=dict(places365='Places365', vqgan='VQGAN', stripes='Stripe'),
        protocols=('scuba', 'scufo'),
        class_list=class_list,
        num_classes=101,
        pipeline=test_pipeline,
        test_mode=True))
test_evaluator = dict(type='StaticBiasMetric')
test_cfg = dict(type='TestLoop')
