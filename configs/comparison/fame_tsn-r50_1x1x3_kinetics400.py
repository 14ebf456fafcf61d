# FAME (Ding et al., CVPR 2022) on TSN-R50, 3 segments, Kinetics-400; see README.md.
_base_ = ['./baseline_tsn-r50_1x1x3_kinetics400.py', '../_base_/models/fame.py']

model = dict(data_preprocessor=dict(blending=_base_.pop('fame_blending')))
