# Fine-tuning protocol on the shortcut-bound preset: the plain model
# (baseline_r3d18_tiny_motion_shapes-hard.py, 6 epochs from scratch, shortcut-bound) is
# fine-tuned for 3 more epochs with AdamW 1e-4 (the easy preset's fine-tuning schedule,
# ../_base_/schedules/motion_shapes_finetune.py). This row is the control for the extra
# epochs: plain cross entropy. The *-ft configs start from the same checkpoint (the demo
# passes the plain model of the same seed as load_from).
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
train_cfg = dict(max_epochs=3, val_interval=3)
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=3, eta_min=0, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=1e-4, betas=(0.9, 0.999),
                   weight_decay=0.05))
default_hooks = dict(checkpoint=dict(interval=3))
