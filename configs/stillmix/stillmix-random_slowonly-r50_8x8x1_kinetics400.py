# StillMix, random variant (Li et al., ICCV 2023) on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = '../comparison/baseline_slowonly-r50_8x8x1_kinetics400.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.25, alpha=(20., 60.))))
