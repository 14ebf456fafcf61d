# FAME (Ding et al., CVPR 2022) on SlowOnly-R50 8x8x1, UCF101 split 1; see README.md.
_base_ = ['../baseline/baseline_slowonly-r50_8xb16-8x8x1-50e_ucf101-split1-rgb.py', '../_base_/models/fame.py']

model = dict(data_preprocessor=dict(blending=_base_.pop('fame_blending')))
