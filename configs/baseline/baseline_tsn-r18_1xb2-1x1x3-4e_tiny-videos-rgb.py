# Smoke test of the whole stack: the tiny TSN-R18 (random init, 4 real videos, CPU); see README.md.
_base_ = [
    '../_base_/models/tsn_r18.py', '../_base_/datasets/tiny_videos_tsn.py',
    '../_base_/schedules/sgd_tiny.py', '../_base_/default_runtime.py'
]
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(save_best=None))
