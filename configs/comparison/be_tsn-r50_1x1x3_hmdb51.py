# BE, supervised port (Wang et al., CVPR 2021) on TSN-R50, 3 segments (a "frame" is a segment),
# HMDB51 split 1: x' = (1 - lam) x + lam x_j, x_j a random frame of the SAME clip repeated over
# time, lam ~ U(0, 0.3) per clip, each clip blended with probability 0.5 (authors' range
# 0.25-0.75), label kept.
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; BE 74.31 / 43.56 / 19.96 / 27.84.
#
#   python tools/train.py configs/comparison/be_tsn-r50_1x1x3_hmdb51.py
_base_ = './baseline_tsn-r50_1x1x3_hmdb51.py'

model = dict(data_preprocessor=dict(blending=dict(type='BEBlending', prob=0.5, gamma=0.3)))
