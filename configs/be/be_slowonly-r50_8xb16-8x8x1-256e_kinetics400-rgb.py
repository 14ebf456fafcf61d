# BE, supervised port (Wang et al., CVPR 2021) on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = '../baseline/baseline_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py'

model = dict(data_preprocessor=dict(blending=dict(type='BEBlending', prob=0.5, gamma=0.3)))
