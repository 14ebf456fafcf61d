# Smoke test of SDN through tools/train.py: the tiny TSN-R18 of
# configs/baseline/tsn_r18_tiny_videos.py (4 real videos, 3 segments, 64x64, CPU) with all SDN
# components: pseudo scene labels (LoadAspectLabels, 5 made-up scene classes), human masking
# from a detection cache (HumanMask: original + masked copy of every clip as two views), the
# scene-adversarial neck (GRL lambda ramped by GRLScheduleHook) and the human-mask confusion
# loss (HumanMaskConfusionHead).
# The label file and the cache are not shipped: write them (e.g. with
# tools/data/extract_pseudo_labels.py and tools/data/detect_humans.py --detector hog) and pass
#   --cfg-options train_dataloader.dataset.pipeline.1.label_file=<labels.npz> \
#                 train_dataloader.dataset.pipeline.4.cache_root=<cache dir>
# The numbers it prints mean nothing; it proves the components run end to end (also under
# tools/dist_train.sh / --launcher pytorch).
_base_ = ['../baseline/tsn_r18_tiny_videos.py']

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
    cls_head=dict(
        _delete_=True,
        type='HumanMaskConfusionHead',
        head={{_base_.model.cls_head}},
        loss_weight=1.0,
        mode='paper'))
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
