# FAME (Ding et al., CVPR 2022) on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = './baseline_slowonly-r50_8x8x1_kinetics400.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='FAMEBlending',
            prob=0.5,
            beta=0.5,
            mean=[123.675, 116.28, 103.53],
            std=[58.395, 57.12, 57.375])))
