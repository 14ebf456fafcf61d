# FAME (Ding et al., CVPR 2022) on TSN-R50, 3 segments, UCF101 split 1; see README.md.
_base_ = './baseline_tsn-r50_1x1x3_ucf101.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='FAMEBlending',
            prob=0.5,
            beta=0.5,
            mean=[123.675, 116.28, 103.53],
            std=[58.395, 57.12, 57.375])))
