# Evaluate the stock Kinetics-400 TSN-R50 on StillMix's released Kinetics-400 benchmarks; see README.md.
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/stillmix_kinetics400.py'
]
model = dict(backbone=dict(pretrained=None))
