# The HMDB51 SCUBA / SCUFO sets in ALBAR's layout (Fioresi et al., ICLR 2025), read as
# ALBAR's loader reads them: one folder per set and background,
#   <root>/HMDB51_SCUBA_<bg>/<clip>.zip   (a zip of the clip's jpg frames, sorted names)
#   <root>/HMDB51_SCUFO_<bg>/<clip>.jpg   (the SCUFO clip's static frame)
# labels of the original videos from MMAction2's HMDB51 split-1 test list (a clip
# <video>__<k> takes the label of <video>; ALBAR's hmdb51_labels.csv works too). The frames
# are decoded from the zips in memory (ZipFrameInit / ZipFrameDecode); nothing is unpacked.
# Confl-FG is StillMix's (stillmix_hmdb51.py); ALBAR's layout has SCUBA / SCUFO.
#
# MMDEBIAS_ALBAR_HMDB51: the folder holding the HMDB51_SCUBA_* / HMDB51_SCUFO_* folders;
# backgrounds: {name in the report: <bg> of the folder names} -- keep the ones your copy has.
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
