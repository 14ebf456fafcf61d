# BE, supervised port (Wang et al., CVPR 2021) on SlowOnly-R50 8x8x1, HMDB51 split 1; see README.md.
_base_ = '../baseline/baseline_slowonly-r50_8xb16-8x8x1-50e_hmdb51-split1-rgb.py'

model = dict(data_preprocessor=dict(blending=dict(type='BEBlending', prob=0.5, gamma=0.3)))
