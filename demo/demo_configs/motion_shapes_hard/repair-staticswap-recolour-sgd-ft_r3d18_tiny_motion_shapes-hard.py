# Repairing the shortcut-bound model: StaticSwap + recolouring, re-warmed with the from-scratch
# schedule (SGD 0.05, momentum 0.9, 1 warm-up epoch, cosine) instead of AdamW 1e-4.
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./staticswap-recolour_r3d18_tiny_motion_shapes-hard.py']
# ---- repair schedule: 6 epochs from the plain model, the from-scratch optimiser ----
train_cfg = dict(max_epochs=6, val_interval=6)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=5, eta_min=0, by_epoch=True, begin=1, end=6,
         convert_to_iter_based=True)
]
default_hooks = dict(checkpoint=dict(interval=6))
