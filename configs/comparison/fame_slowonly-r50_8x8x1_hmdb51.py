# FAME (Ding et al., CVPR 2022) on SlowOnly-R50 8x8x1, HMDB51 split 1: x'_i = m_i x_i + (1 -
# m_i) x_j: the moving foreground of clip i (mask from frame differences, blurred, refined by
# colour histograms, top beta = 50% of pixels, one mask for all frames) on the background of
# another clip j, probability 0.5 (authors' range 0.25-0.5), label of i. mean / std: the data
# preprocessor's (the mask needs RGB colours).
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; FAME 73.79 / 51.40 / 26.92 / 29.66.
#
#   python tools/train.py configs/comparison/fame_slowonly-r50_8x8x1_hmdb51.py
_base_ = './baseline_slowonly-r50_8x8x1_hmdb51.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='FAMEBlending',
            prob=0.5,
            beta=0.5,
            mean=[123.675, 116.28, 103.53],
            std=[58.395, 57.12, 57.375])))
