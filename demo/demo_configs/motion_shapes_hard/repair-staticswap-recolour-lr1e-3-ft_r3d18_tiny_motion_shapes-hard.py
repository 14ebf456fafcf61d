# Repairing the shortcut-bound model: StaticSwap + recolouring, learning rate 1e-3 (10x).
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./staticswap-recolour_r3d18_tiny_motion_shapes-hard.py']
# ---- repair schedule (the block of repair-baseline-ft, learning rate changed) ----
train_cfg = dict(max_epochs=6, val_interval=6)
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=6, eta_min=0, by_epoch=True, begin=0, end=6,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=1e-3, betas=(0.9, 0.999),
                   weight_decay=0.05))
default_hooks = dict(checkpoint=dict(interval=6))
