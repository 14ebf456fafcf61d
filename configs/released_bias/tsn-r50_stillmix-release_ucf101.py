# Evaluate a UCF101 TSN-R50 (101 classes) on StillMix's released UCF101 benchmarks (the
# original protocol: actors cut out with bounding boxes): SCUBA, SCUFO, contrasted accuracy,
# Confl-FG, per background source and pooled. ALBAR's corrected protocol:
# ./tsn-r50_albar-corrected_ucf101.py.
#
#   MMDEBIAS_STILLMIX_UCF101=/path/to/release python tools/test.py \
#       configs/released_bias/tsn-r50_stillmix-release_ucf101.py CHECKPOINT
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/stillmix_ucf101.py'
]
model = dict(backbone=dict(pretrained=None), cls_head=dict(num_classes=101))
