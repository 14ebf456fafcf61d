# BE, supervised port (Wang et al., CVPR 2021) on TSN-R50, 3 segments, Kinetics-400; see README.md.
_base_ = '../baseline/baseline_tsn-r50_8xb32-1x1x3-100e_kinetics400-rgb.py'

model = dict(data_preprocessor=dict(blending=dict(type='BEBlending', prob=0.5, gamma=0.3)))
