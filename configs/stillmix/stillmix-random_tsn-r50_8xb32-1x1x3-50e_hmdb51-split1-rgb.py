# StillMix, random variant (Li et al., ICCV 2023) on TSN-R50, 3 segments, HMDB51 split 1; see README.md.
_base_ = '../baseline/baseline_tsn-r50_8xb32-1x1x3-50e_hmdb51-split1-rgb.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
