# Evaluate an HMDB51 TSN-R50 (stock model) on StillMix's released HMDB51 benchmarks; see README.md.
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/stillmix_hmdb51.py'
]
model = dict(backbone=dict(pretrained=None), cls_head=dict(num_classes=51))
