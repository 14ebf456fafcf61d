# ALBAR's corrected UCF101 bias benchmark (Fioresi et al., ICLR 2025: actors segmented with
# SAMTrack instead of StillMix's bounding boxes, so no background leaks into SCUBA / SCUFO),
# read as ALBAR's loader reads it: one folder per set and background,
#   <root>/UCF101_SCUBA_<bg>/<clip>.zip   (a zip of the clip's jpg frames, sorted names)
#   <root>/UCF101_SCUFO_<bg>/<clip>.jpg   (the SCUFO clip's static frame)
# labels from the class in the clip name v_<Class>_gXX_cYY, looked up in UCF101's
# classInd.txt (MMAction2's data/ucf101/annotations/classInd.txt). The frames are decoded
# from the zips in memory (ZipFrameInit / ZipFrameDecode); nothing is unpacked.
# Confl-FG of UCF101 is StillMix's (stillmix_ucf101.py); ALBAR's release has SCUBA / SCUFO.
#
# MMDEBIAS_ALBAR_UCF101: the folder holding the UCF101_SCUBA_* / UCF101_SCUFO_* folders;
# backgrounds: {name in the report: <bg> of the folder names} -- keep the ones your copy has.
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
