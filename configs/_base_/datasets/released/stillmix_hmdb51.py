# The released HMDB51 bias benchmarks of StillMix (Li et al., ICCV 2023), read as released; see configs/released_bias/README.md.
root = '{{$MMDEBIAS_STILLMIX_HMDB51:data/released/stillmix/hmdb51}}'
meta_keys = ('video_id', 'pair_id', 'protocol', 'background', 'static_label')


def _set(background, name, list_name='51classes/testlist01.txt'):
    return dict(background=background, ann_file=f'{root}/{name}/{list_name}',
                data_prefix=f'{root}/{name}/generated_videos')


scuba_sets = [
    _set('places365', 'replacebackground_with_mask_for_HMDB51_test_place365'),
    _set('vqgan', 'replacebackground_with_mask_for_HMDB51_test_vqgan'),
    _set('stripes', 'replacebackground_with_mask_for_HMDB51_test_stripe'),
]
conflfg_sets = [
    dict(background='stripes',
         dynamic_list=f'{root}/mix_dynamic_static_same_bg_for_HMDB51_test_stripe/51classes/'
         'dynamic_testlist01.txt',
         static_list=f'{root}/mix_dynamic_static_same_bg_for_HMDB51_test_stripe/51classes/'
         'static_testlist01.txt',
         data_prefix=f'{root}/mix_dynamic_static_same_bg_for_HMDB51_test_stripe/'
         'generated_videos'),
]

test_pipeline = [
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=25, test_mode=True),
    dict(type='RawFrameDecode'),
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
        type='StillMixBiasDataset',
        scuba=scuba_sets,
        conflfg=conflfg_sets,
        protocols=('scuba', 'scufo'),
        filename_tmpl='frame{:06d}.jpg',
        start_index=1,
        num_classes=51,
        # SCUFO: one of the sampled frames, drawn per clip from this seed and the clip name
        scufo_transform=dict(type='StaticFrameRepeat', frame_index='random', seed=0),
        pipeline=test_pipeline,
        test_mode=True))
test_evaluator = dict(type='StaticBiasMetric')
test_cfg = dict(type='TestLoop')
