# VideoMix (Yun et al., 2020) on TSN-R50, 3 segments, HMDB51 split 1; see README.md.
_base_ = '../baseline/baseline_tsn-r50_8xb32-1x1x3-50e_hmdb51-split1-rgb.py'

model = dict(
    data_preprocessor=dict(
        blending=dict(type='VideoMixBlending', num_classes=51, alpha=1.0, prob=1.0)))
