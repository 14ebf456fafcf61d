# Plain model on the shortcut-bound MotionShapes preset: the tiny 3D ResNet-18 trained from
# scratch with cross entropy (SGD, 6 epochs). Chosen so that this plain model takes the
# shortcut (original >= 95%, Confl-BG <= 40%, SCUBA <= 50%) while the same network on the
# unbiased copy (control_r3d18_tiny_motion_shapes-hard.py) learns motion (SCUBA, Confl-BG
# >= 90%). Numbers: README "Demo".
_base_ = [
    '../_base_/models/r3d18_tiny.py', '../_base_/datasets/motion_shapes_hard.py',
    '../_base_/schedules/motion_shapes_sgd.py', '../../../configs/_base_/default_runtime.py'
]
model = dict(cls_head=dict(num_classes=6))
train_cfg = dict(max_epochs=6, val_interval=6)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=5, eta_min=0, by_epoch=True, begin=1, end=6,
         convert_to_iter_based=True)
]
default_hooks = dict(logger=dict(interval=25), checkpoint=dict(interval=6, save_best=None))
randomness = dict(seed=0)
