# StillMix, frame-bank variant (Li et al., ICCV 2023) on SlowOnly-R50 8x8x1, HMDB51 split 1; see README.md.
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
