# Control for ALBAR on MotionShapes: the pretrained plain model fine-tuned with the same
# schedule as albar_r3d18_tiny_motion_shapes.py, with plain cross entropy. The demo compares
# these two rows ("baseline" vs "ALBAR"), so both get the same number of updates.
_base_ = [
    '../_base_/models/r3d18_tiny.py', '../_base_/datasets/motion_shapes.py',
    '../_base_/schedules/motion_shapes_finetune.py', '../../../configs/_base_/default_runtime.py'
]
default_hooks = dict(logger=dict(interval=10), checkpoint=dict(interval=3, save_best=None))
randomness = dict(seed=0)
load_from = 'work_dirs/motion_shapes/baseline/epoch_6.pth'  # the pretrained plain model
