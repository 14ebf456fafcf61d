# SMAD (Duan et al., ECCV 2022): SAAR + scene MAAT on TSN-R50 1x1x3, K200db-style split; see README.md.
_base_ = [
    'mmaction::recognition/tsn/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py',
    '../_base_/models/adversaries/smad_scene.py'
]
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

data_root = 'data/kinetics400/videos_train'
scene_label_file = 'data/k200db/scene_labels_places365.npz'
ann_file_train = 'data/k200db/k200db_train.txt'
ann_file_val = 'data/k200db/k200db_test.txt'

model = dict(
    backbone=dict(out_indices=(2, 3)),
    neck=dict(
        type='SequentialNeck',
        necks=[
            dict(type='SAARNeck', in_channels=2048),
            dict(type='AdversarialAspectNeck', in_channels=2048, normalize_by_num_aspects=True,
                 adversaries=[{{_base_.smad_scene_adversary}}]),
        ]),
    cls_head=dict(num_classes=200))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=scene_label_file, key='scene_label',
         data_root=data_root, allow_missing=True),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='MultiScaleCrop', input_size=224, scales=(1, 0.875, 0.75, 0.66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', ))
]
train_dataloader = dict(
    dataset=dict(ann_file=ann_file_train, data_prefix=dict(video=data_root),
                 pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
test_dataloader = dict(dataset=dict(ann_file=ann_file_val, data_prefix=dict(video=data_root)))
