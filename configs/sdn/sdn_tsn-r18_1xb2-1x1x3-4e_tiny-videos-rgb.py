# Smoke test of SDN through tools/train.py on the tiny TSN-R18 (4 real videos, CPU); see README.md.
_base_ = [
    '../baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py',
    '../_base_/models/sdn_mask_confusion.py'
]

data_root = '{{$MMDEBIAS_TINY_VIDEOS:tests/data/videos}}'
scene_label_file = 'work_dirs/sdn_tiny/scene_labels.npz'
person_cache = 'work_dirs/sdn_tiny/person_dets'

model = dict(
    backbone=dict(out_indices=(2, 3)),
    neck=dict(
        type='AdversarialAspectNeck',
        in_channels=512,
        adversaries=[
            dict(type='AspectAdversary', name='scene', num_classes=5, hidden_channels=16,
                 num_hidden_layers=3, grl_lambda=1.0, loss=dict(type='CrossEntropyLoss'))
        ]),
    cls_head=dict(_base_.pop('sdn_mask_confusion_head'), _delete_=True,
                  head={{_base_.model.cls_head}}))
custom_hooks = [dict(type='GRLScheduleHook', schedule='sigmoid')]

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=scene_label_file, data_root=data_root),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3),
    dict(type='DecordDecode'),
    dict(type='HumanMask', cache_root=person_cache, data_root=data_root, mode='pair',
         mask_ratio=1.0),
    dict(type='Resize', scale=(-1, 72)),
    dict(type='RandomCrop', size=64),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', 'human_masked',
                                                  'human_mask_paired'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
