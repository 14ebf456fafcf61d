# StillMix, frame-bank variant (Li et al., ICCV 2023) on SlowOnly-R50 8x8x1, HMDB51 split 1: x'
# = lam x + (1 - lam) f, f a frame of the bank (frames a 2D reference network classifies
# confidently from a single frame) repeated over time, lam ~ Beta(200., 200.) once per batch,
# each clip mixed with probability 0.75, label kept. Build the bank first (quantile slice [0.5,
# 1.0], 1024 frames, stored raw at the 224 crop):
#   python tools/data/stillmix_frame_bank.py configs/stillmix/ref-tsn-r50_1x1x1_hmdb51.py \
#       --work-dir work_dirs/stillmix_bank_hmdb51 --out data/hmdb51/stillmix_bank.npz \
#       --quantile 0.5 1.0
# The bank frames are normalised with the mean / std below (= the data preprocessor's).
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; StillMix 74.82 / 51.81 / 13.39 / 40.28.
#
#   python tools/train.py configs/stillmix/stillmix-bank_slowonly-r50_8x8x1_hmdb51.py
_base_ = '../comparison/baseline_slowonly-r50_8x8x1_hmdb51.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='StillMixBlending',
            prob=0.75,
            alpha=(200., 200.),
            bank_file='data/hmdb51/stillmix_bank.npz',
            mean=[123.675, 116.28, 103.53],
            std=[58.395, 57.12, 57.375])))
