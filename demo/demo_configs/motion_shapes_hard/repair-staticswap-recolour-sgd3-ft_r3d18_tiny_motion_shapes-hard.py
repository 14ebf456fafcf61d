# Repairing the shortcut-bound model: StaticSwap + recolouring re-warmed with the from-scratch
# optimiser (SGD 0.05, momentum 0.9) on half the budget: 3 epochs, 1 warm-up epoch, cosine.
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./staticswap-recolour_r3d18_tiny_motion_shapes-hard.py']
# ---- repair schedule: 3 epochs from the plain model, the from-scratch optimiser ----
train_cfg = dict(max_epochs=3, val_interval=3)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=2, eta_min=0, by_epoch=True, begin=1, end=3,
         convert_to_iter_based=True)
]
default_hooks = dict(checkpoint=dict(interval=3))
