# SMAD with multi-aspect adversarial training (MAAT: scene + object + event) and SAAR on
# SlowOnly-R18 8x8x1, K200db-style split. As ./smad-scene_slowonly-r18_8x8x1_k200db.py plus
# two aspects (../_base_/models/adversaries/smad_*.py): soft aspects 0.5 SoftCE + 0.5 KL,
# multi-label tags BCE with weight 5, every weight divided by the number of aspects (3).
#   scene  : 365 Places365 probabilities (soft), tools/data/extract_pseudo_labels.py
#   object : multi-hot tags (e.g. 1000 ImageNet classes above a threshold, or HVU tags)
#            stored as a [V, K] 0/1 array in the same .npz format (save_pseudo_labels)
#   event  : one class id per video (top1 of a [V, K] probability file)
# Videos missing an aspect get -1 (allow_missing) and are masked out of that aspect's loss.
#
# Expected numbers (paper, SlowOnly-R18 on K200db-train; ARAS-64 / K200db-val top-1):
# baseline 51.0 / 51.9 -> MAAT + SAAR 58.4 / 55.0 (MAAT alone 55.8 / 54.3, SAAR alone
# 51.6 / 52.7). Logged: loss_<aspect>, <aspect>_acc, object_mAP (batch estimate).
_base_ = [
    './smad-scene_slowonly-r18_8x8x1_k200db.py',
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

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file={{_base_.scene_label_file}}, key='scene_label',
         data_root={{_base_.data_root}}, allow_missing=True),
    dict(type='LoadAspectLabels', label_file=object_label_file, key='object_label',
         data_root={{_base_.data_root}}, label_format='multi_hot', allow_missing=True),
    dict(type='LoadAspectLabels', label_file=event_label_file, key='event_label',
         data_root={{_base_.data_root}}, label_format='top1', allow_missing=True),
    dict(type='SampleFrames', clip_len=8, frame_interval=8, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='RandomResizedCrop'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', 'object_label', 'event_label'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
