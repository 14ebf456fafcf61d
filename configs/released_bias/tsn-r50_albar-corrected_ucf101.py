# Evaluate a UCF101 TSN-R50 (101 classes) on ALBAR's corrected UCF101 SCUBA / SCUFO (actor
# masks without background leakage), in ALBAR's zip / jpg layout.
#
#   MMDEBIAS_ALBAR_UCF101=/path/to/sets MMDEBIAS_UCF101_CLASS_LIST=/path/to/classInd.txt \
#       python tools/test.py configs/released_bias/tsn-r50_albar-corrected_ucf101.py CHECKPOINT
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/albar_ucf101_corrected.py'
]
model = dict(backbone=dict(pretrained=None), cls_head=dict(num_classes=101))
