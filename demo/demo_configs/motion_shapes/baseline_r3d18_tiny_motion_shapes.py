# Baseline for the MotionShapes demo: a tiny 3D ResNet-18 trained with plain cross entropy.
# Expect high original accuracy, lower SCUBA, SCUFO well above chance (25%): it uses the
# planted static cues (background palette, actor shape/colour). Numbers: README "Demo".
_base_ = [
    '../_base_/models/r3d18_tiny.py', '../_base_/datasets/motion_shapes.py',
    '../_base_/schedules/motion_shapes_sgd.py', '../../../configs/_base_/default_runtime.py'
]
default_hooks = dict(logger=dict(interval=10), checkpoint=dict(interval=6, save_best=None))
randomness = dict(seed=0)
