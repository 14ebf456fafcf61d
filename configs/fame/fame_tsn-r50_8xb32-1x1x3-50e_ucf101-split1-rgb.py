# FAME (Ding et al., CVPR 2022) on TSN-R50, 3 segments, UCF101 split 1; see README.md.
_base_ = ['../baseline/baseline_tsn-r50_8xb32-1x1x3-50e_ucf101-split1-rgb.py', '../_base_/models/fame.py']

model = dict(data_preprocessor=dict(blending=_base_.pop('fame_blending')))
