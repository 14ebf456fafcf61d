# StillMix, frame-bank variant (Li et al., ICCV 2023) on TSN-R50, 3 segments, Kinetics-400; see README.md.
_base_ = '../comparison/baseline_tsn-r50_1x1x3_kinetics400.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='StillMixBlending',
            prob=0.25,
            alpha=(20., 60.),
            bank_file='data/kinetics400/stillmix_bank.npz',
            mean=[123.675, 116.28, 103.53],
            std=[58.395, 57.12, 57.375])))
