# FAME (Ding et al., CVPR 2022) on SlowOnly-R50 8x8x1, Kinetics-400; see README.md.
_base_ = ['../baseline/baseline_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py', '../_base_/models/fame.py']

model = dict(data_preprocessor=dict(blending=_base_.pop('fame_blending')))
