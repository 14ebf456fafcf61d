# StillMix, random variant (Li et al., ICCV 2023) on SlowOnly-R50 8x8x1, Kinetics-400: x' = lam
# x + (1 - lam) f, f a random frame of another clip of the batch repeated over time, lam ~
# Beta(20., 60.) once per batch, each clip mixed with probability 0.25, label kept. The
# StillMix authors' K400 setting: p 0.25, Beta(20, 60) (lam ~ 0.25).
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; StillMix 74.82 / 51.81 / 13.39 / 40.28.
#
#   python tools/train.py configs/stillmix/stillmix-random_slowonly-r50_8x8x1_kinetics400.py
_base_ = '../comparison/baseline_slowonly-r50_8x8x1_kinetics400.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.25, alpha=(20., 60.))))
