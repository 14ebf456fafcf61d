# Evaluate an HMDB51 TSN-R50 (MMAction2's stock model, 51 classes) on the released StillMix
# benchmarks of HMDB51: SCUBA (Places365 / VQGAN-CLIP / stripes backgrounds), SCUFO (the
# SCUBA clips, one seeded random frame repeated), contrasted accuracy and Confl-FG, per
# background source and pooled.
#
#   MMDEBIAS_STILLMIX_HMDB51=/path/to/release python tools/test.py \
#       configs/released_bias/tsn-r50_stillmix-release_hmdb51.py CHECKPOINT
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/stillmix_hmdb51.py'
]
model = dict(backbone=dict(pretrained=None), cls_head=dict(num_classes=51))
