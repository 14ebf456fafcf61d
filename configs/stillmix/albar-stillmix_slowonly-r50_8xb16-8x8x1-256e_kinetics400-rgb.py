# ALBAR + StillMix on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = '../albar/albar_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py'

model = dict(
    data_preprocessor=dict(blending=dict(type='StillMixBlending', prob=0.25, alpha=(20., 60.))))
