# Evaluate a Kinetics-400 TSN-R50 (MMAction2's stock model, 400 classes: its released
# checkpoint loads as is) on StillMix's released Kinetics-400 benchmarks.
#
#   MMDEBIAS_STILLMIX_K400=/path/to/release python tools/test.py \
#       configs/released_bias/tsn-r50_stillmix-release_kinetics400.py CHECKPOINT
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/stillmix_kinetics400.py'
]
model = dict(backbone=dict(pretrained=None))
