# StillMix, random variant (Li et al., ICCV 2023) on TSN-R50, 3 segments (a "frame" is a
# segment), UCF101 split 1: x' = lam x + (1 - lam) f, f a random frame of another clip of the
# batch repeated over time, lam ~ Beta(200., 200.) once per batch, each clip mixed with
# probability 0.75, label kept. p 0.75 as the StillMix authors for K400-pretrained models on
# HMDB51 (also ALBAR's code), Beta(200, 200) (lam ~ 0.5).
# ALBAR paper (ICLR 2025) Table 1, Swin3D-T on HMDB51 (orig / SCUBA / SCUFO / contra): baseline
# 73.92 / 43.93 / 20.46 / 27.84; StillMix 74.82 / 51.81 / 13.39 / 40.28.
#
#   python tools/train.py configs/stillmix/stillmix-random_tsn-r50_1x1x3_ucf101.py
_base_ = '../comparison/baseline_tsn-r50_1x1x3_ucf101.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
