# VideoMix (Yun et al., 2020) on SlowOnly-R50 8x8x1, UCF101 split 1: a cuboid of another clip j
# pasted into clip i (S-VideoMix: a box of sides sqrt(1 - lam) H, sqrt(1 - lam) W over all
# frames, lam ~ Beta(1, 1)), label (1 - v) y_i + v y_j with v the pasted volume fraction (soft
# labels), probability 1.
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; VideoMix 73.31 / 39.39 / 20.44 / 23.13.
#
#   python tools/train.py configs/comparison/videomix_slowonly-r50_8x8x1_ucf101.py
_base_ = './baseline_slowonly-r50_8x8x1_ucf101.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='VideoMixBlending', num_classes=101, alpha=1.0, prob=1.0)))
