# Fine-tuning schedule for MotionShapes (the paper's regime: ALBAR fine-tunes a pretrained
# model with a small learning rate). Starts from the plain model trained by
# baseline_r3d18_tiny_motion_shapes.py (the "pretraining", like Kinetics-400 for HMDB51).
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=3, val_begin=1, val_interval=3)
val_cfg = dict(type='ValLoop')
test_cfg = dict(type='TestLoop')

param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=3, eta_min=0, by_epoch=True, begin=0, end=3,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(type='SGD', lr=0.005, momentum=0.9, weight_decay=1e-4),
    clip_grad=dict(max_norm=40, norm_type=2))
auto_scale_lr = dict(enable=False, base_batch_size=16)
