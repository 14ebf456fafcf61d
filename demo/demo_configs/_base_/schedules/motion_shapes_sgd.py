# Short CPU schedule for MotionShapes (800 training clips, batch 16 -> 50 iters/epoch).
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=6, val_begin=1, val_interval=3)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

param_scheduler = [
    dict(type='LinearLR', start_factor=0.1, by_epoch=True, begin=0, end=1,
         convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=5, eta_min=0, by_epoch=True, begin=1, end=6,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.05, momentum=0.9, weight_decay=1e-4),
    # error_if_nonfinite: a NaN/inf gradient stops the step before the parameters turn NaN
    clip_grad=dict(max_norm=40, norm_type=2, error_if_nonfinite=True))
auto_scale_lr = dict(enable=False, base_batch_size=16)
