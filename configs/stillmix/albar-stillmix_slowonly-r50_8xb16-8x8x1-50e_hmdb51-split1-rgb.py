# ALBAR + StillMix on SlowOnly-R50 8x8x1, HMDB51 split 1; see README.md.
_base_ = '../albar/albar_slowonly-r50_8xb16-8x8x1-50e_hmdb51-split1-rgb.py'

model = dict(
    data_preprocessor=dict(blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
