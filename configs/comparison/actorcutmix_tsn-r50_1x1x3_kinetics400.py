# ActorCutMix (Zou et al.) on TSN-R50, 3 segments (a "frame" is a segment), Kinetics-400: the
# actors of clip i (person boxes) pasted onto the frames of another clip j (j's own actors
# removed), label w y_i + (1 - w) y_j with w = 1 - (1 - actor area)^4 as the released code,
# probability 0.5; clips without a detected person are left unmixed. The boxes come from the
# person-detection cache:
#   python tools/data/detect_humans.py <train list> --data-root data/kinetics400/videos_train \
#       --cache-root data/kinetics400/person_dets_train \
#       --config <mmdet config> --checkpoint <weights>
# LoadActorMask renders them per frame and runs the stock spatial transforms on frames and
# masks together, so the masks follow every crop and flip.
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; ActorCutMix 74.05 / 46.79 / 22.07 / 28.12.
#
#   python tools/train.py configs/comparison/actorcutmix_tsn-r50_1x1x3_kinetics400.py
_base_ = './baseline_tsn-r50_1x1x3_kinetics400.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='ActorCutMixBlending',
            num_classes={{_base_.model.cls_head.num_classes}},
            prob=0.5)))

data_root = 'data/kinetics400/videos_train'
train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3),
    dict(type='DecordDecode'),
    dict(type='LoadActorMask',
         cache_root='data/kinetics400/person_dets_train',
         data_root=data_root,
         transforms=[
             dict(type='Resize', scale=(-1, 256)),
             dict(type='MultiScaleCrop', input_size=224, scales=(1, 0.875, 0.75, 0.66),
                  random_crop=False, max_wh_scale_gap=1),
             dict(type='Resize', scale=(224, 224), keep_ratio=False),
             dict(type='Flip', flip_ratio=0.5)
         ]),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', algorithm_keys=('actor_mask', ))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
