# ActorCutMix (Zou et al.) on SlowOnly-R50 8x8x1, HMDB51 split 1: the actors of clip i (person
# boxes) pasted onto the frames of another clip j (j's own actors removed), label
# w y_i + (1 - w) y_j with w = 1 - (1 - actor area)^4 as the released code, probability 0.5;
# clips without a detected person are left unmixed. The boxes come from the person-detection
# cache:
#   python tools/data/detect_humans.py <train list> --data-root data/hmdb51/videos \
#       --cache-root data/hmdb51/person_dets \
#       --config <mmdet config> --checkpoint <weights>
# LoadActorMask renders them per frame and runs the stock spatial transforms on frames and
# masks together, so the masks follow every crop and flip.
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; ActorCutMix 74.05 / 46.79 / 22.07 / 28.12.
#
#   python tools/train.py configs/comparison/actorcutmix_slowonly-r50_8x8x1_hmdb51.py
_base_ = './baseline_slowonly-r50_8x8x1_hmdb51.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='ActorCutMixBlending',
            num_classes={{_base_.model.cls_head.num_classes}},
            prob=0.5)))

data_root = 'data/hmdb51/videos'
train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=8, frame_interval=8, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='LoadActorMask',
         cache_root='data/hmdb51/person_dets',
         data_root=data_root,
         transforms=[
             dict(type='Resize', scale=(-1, 256)),
             dict(type='RandomResizedCrop'),
             dict(type='Resize', scale=(224, 224), keep_ratio=False),
             dict(type='Flip', flip_ratio=0.5)
         ]),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('actor_mask', ))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
