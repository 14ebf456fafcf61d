# StillMix, random variant (Li et al., ICCV 2023) on SlowOnly-R50 8x8x1, UCF101 split 1; see README.md.
_base_ = '../baseline/baseline_slowonly-r50_8xb16-8x8x1-50e_ucf101-split1-rgb.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
