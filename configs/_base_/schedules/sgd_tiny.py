train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=4, val_begin=1, val_interval=2)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

param_scheduler = [dict(type='MultiStepLR', begin=0, end=4, by_epoch=True, milestones=[3])]
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.01, momentum=0.9, weight_decay=1e-4),
    # error_if_nonfinite: a NaN/inf gradient stops the step before the parameters turn NaN
    clip_grad=dict(max_norm=40, norm_type=2, error_if_nonfinite=True))
auto_scale_lr = dict(enable=False, base_batch_size=2)
