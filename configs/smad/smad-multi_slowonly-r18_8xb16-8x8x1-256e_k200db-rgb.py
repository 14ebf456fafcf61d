# SMAD, SAAR + multi-aspect MAAT (scene, object, event) on SlowOnly-R18 8x8x1, K200db-style split; see README.md.
_base_ = [
    './smad-scene_slowonly-r18_8xb16-8x8x1-256e_k200db-rgb.py',
    '../_base_/models/adversaries/smad_object.py',
    '../_base_/models/adversaries/smad_event.py'
]

object_label_file = 'data/k200db/object_tags.npz'
event_label_file = 'data/k200db/event_labels.npz'

model = dict(
    neck=dict(necks=[
        dict(type='SAARNeck', in_channels=512),
        dict(type='AdversarialAspectNeck', in_channels=512, normalize_by_num_aspects=True,
             adversaries=[{{_base_.smad_scene_adversary}}, {{_base_.smad_object_adversary}},
                          {{_base_.smad_event_adversary}}]),
    ]))

__p = _base_.train_pipeline  # the scene stage's, the object and event labels loaded after it
train_pipeline = __p[:2] + [
    dict(type='LoadAspectLabels', label_file=object_label_file, key='object_label',
         data_root={{_base_.data_root}}, label_format='multi_hot', allow_missing=True),
    dict(type='LoadAspectLabels', label_file=event_label_file, key='event_label',
         data_root={{_base_.data_root}}, label_format='top1', allow_missing=True),
] + __p[2:-1] + [
    dict(type='PackActionInputs', algorithm_keys=('scene_label', 'object_label', 'event_label'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
