# FAME (Ding et al., CVPR 2022) on SlowOnly-R50 8x8x1, UCF101 split 1; see README.md.
_base_ = ['./baseline_slowonly-r50_8x8x1_ucf101.py', '../_base_/models/fame.py']

model = dict(data_preprocessor=dict(blending=_base_.pop('fame_blending')))
