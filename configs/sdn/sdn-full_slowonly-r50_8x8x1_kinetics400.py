# SDN full model (Choi et al., NeurIPS 2019) on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = './sdn-scene_slowonly-r50_8x8x1_kinetics400.py'

data_root = 'data/kinetics400/videos_train'
scene_label_file = 'data/kinetics400/scene_labels_places365_train.npz'
person_cache = 'data/kinetics400/person_dets_train'

model = dict(
    neck=dict(adversaries=[{{_base_.sdn_full_scene_adversary}}]),
    cls_head=dict(
        _delete_=True,
        type='HumanMaskConfusionHead',
        head={{_base_.model.cls_head}},
        loss_weight=1.0,
        mode='paper'))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=scene_label_file, key='scene_label',
         data_root=data_root),
    dict(type='SampleFrames', clip_len=8, frame_interval=8, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='HumanMask', cache_root=person_cache, data_root=data_root, mode='pair',
         mask_ratio=1.0, score_thr=0.3, min_detection_ratio=0.7, on_low_detection='skip'),
    dict(type='Resize', scale=(-1, 256)),
    dict(type='RandomResizedCrop'),
    dict(type='Resize', scale=(224, 224), keep_ratio=False),
    dict(type='Flip', flip_ratio=0.5),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', 'human_masked',
                                                  'human_mask_paired'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
