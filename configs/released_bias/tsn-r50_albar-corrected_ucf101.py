# Evaluate a UCF101 TSN-R50 (101 classes) on ALBAR's corrected UCF101 SCUBA / SCUFO; see README.md.
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/albar_ucf101_corrected.py'
]
model = dict(backbone=dict(pretrained=None), cls_head=dict(num_classes=101))
