# Evaluate an HMDB51 TSN-R50 on the HMDB51 SCUBA / SCUFO sets in ALBAR's zip / jpg layout
# (HMDB51_SCUBA_<bg>/<clip>.zip, HMDB51_SCUFO_<bg>/<clip>.jpg); Confl-FG: the StillMix config.
#
#   MMDEBIAS_ALBAR_HMDB51=/path/to/sets MMDEBIAS_HMDB51_TEST_LIST=/path/to/list \
#       python tools/test.py configs/released_bias/tsn-r50_albar-release_hmdb51.py CHECKPOINT
_base_ = [
    'mmaction::_base_/models/tsn_r50.py', '../_base_/default_runtime.py',
    '../_base_/datasets/released/albar_hmdb51.py'
]
model = dict(backbone=dict(pretrained=None), cls_head=dict(num_classes=51))
