# Transfer preset: VideoMix (Yun et al., 2020): cuboid cut-mix, fine-tuning the source backbone.
# Method settings inherited from ../motion_shapes_hard/; schedule and start: see
# baseline_r3d18_tiny_motion_shapes-transfer.py.
_base_ = ['../motion_shapes_hard/videomix_r3d18_tiny_motion_shapes-hard.py']
# ---- transfer schedule (the same block in every *-transfer config) ----
train_cfg = dict(max_epochs=6, val_interval=6)
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=6, eta_min=0, by_epoch=True, begin=0, end=6,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=1e-3, betas=(0.9, 0.999),
                   weight_decay=0.05))
default_hooks = dict(checkpoint=dict(interval=6))
load_from = '{{$MMDEBIAS_SOURCE_BACKBONE:work_dirs/demo_transfer/source_backbone.pth}}'
