# Repairing the shortcut-bound model, reference row: the plain model of the same seed
# (baseline_r3d18_tiny_motion_shapes-hard.py; the demo passes it as load_from) fine-tuned 6
# more epochs with plain cross entropy, AdamW 1e-4, cosine -- the repair budget.
# Every repair-*-ft config has this budget (6 epochs from the plain model) and adds one
# method (inherited from its from-scratch config here) or changes one part of the schedule.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
# ---- repair schedule (the same block in every repair-*-ft config) ----
train_cfg = dict(max_epochs=6, val_interval=6)
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=6, eta_min=0, by_epoch=True, begin=0, end=6,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=1e-4, betas=(0.9, 0.999),
                   weight_decay=0.05))
default_hooks = dict(checkpoint=dict(interval=6))
