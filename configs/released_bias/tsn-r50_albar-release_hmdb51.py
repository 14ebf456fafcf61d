# Evaluate an HMDB51 TSN-R50 on the HMDB51 SCUBA / SCUFO sets in ALBAR's zip / jpg layout; see README.md.
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/albar_hmdb51.py'
]
model = dict(backbone=dict(pretrained=None), cls_head=dict(num_classes=51))
