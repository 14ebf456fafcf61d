# VideoMix (Yun et al., 2020) on TSN-R50, 3 segments, HMDB51 split 1; see README.md.
_base_ = './baseline_tsn-r50_1x1x3_hmdb51.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='VideoMixBlending', num_classes=51, alpha=1.0, prob=1.0)))
