# SMAD, SAAR + multi-aspect MAAT (scene, object, event) on TSN-R50 1x1x3, K200db-style split; see README.md.
_base_ = [
    './smad-scene_tsn-r50_1x1x3_k200db.py',
    '../_base_/models/adversaries/smad_object.py',
    '../_base_/models/adversaries/smad_event.py'
]

object_label_file = 'data/k200db/object_tags.npz'
event_label_file = 'data/k200db/event_labels.npz'

model = dict(
    neck=dict(necks=[
        dict(type='SAARNeck', in_channels=2048),
        dict(type='AdversarialAspectNeck', in_channels=2048, normalize_by_num_aspects=True,
             adversaries=[{{_base_.smad_scene_adversary}}, {{_base_.smad_object_adversary}},
                          {{_base_.smad_event_adversary}}]),
    ]))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file={{_base_.scene_label_file}}, key='scene_label',
         data_root={{_base_.data_root}}, allow_missing=True),
    dict(type='LoadAspectLabels', label_file=object_label_file, key='object_label',
         data_root={{_base_.data_root}}, label_format='multi_hot', allow_missing=True),
    dict(type='LoadAspectLabels', label_file=event_label_file, key='event_label',
         data_root={{_base_.data_root}}, label_format='top1', allow_missing=True),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='MultiScaleCrop', input_size=224, scales=(1, 0.875, 0.75, 0.66),
         random_crop=False, max_wh_scale_gap=1),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', 'object_label', 'event_label'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
