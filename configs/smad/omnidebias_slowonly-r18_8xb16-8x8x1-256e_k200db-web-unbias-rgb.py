# OmniDebias joint training (Duan et al., ECCV 2022) on SlowOnly-R18 8x8x1, K200db + web videos; see README.md.
_base_ = './smad-scene_slowonly-r18_8xb16-8x8x1-256e_k200db-rgb.py'

web_root = 'data/web/frames'
web_ann_file = 'data/web/web_unbias.txt'
web_scene_label_file = 'data/web/scene_labels_places365.npz'

web_pipeline = [
    dict(type='LoadAspectLabels', label_file=web_scene_label_file, key='scene_label',
         data_root=web_root, allow_missing=True),
    dict(type='SampleFrames', clip_len=8, frame_interval=8, num_clips=1,
         out_of_bound_opt='repeat_last'),
    dict(type='RawFrameDecode', io_backend='disk'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='RandomResizedCrop'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', ))
]
train_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='ConcatDataset',
        datasets=[
            dict(type='VideoDataset', ann_file={{_base_.ann_file_train}},
                 data_prefix=dict(video={{_base_.data_root}}),
                 pipeline={{_base_.train_pipeline}}),
            dict(type='RawframeDataset', ann_file=web_ann_file,
                 data_prefix=dict(img=web_root), filename_tmpl='img_{:05}.jpg',
                 pipeline=web_pipeline),
        ]))
