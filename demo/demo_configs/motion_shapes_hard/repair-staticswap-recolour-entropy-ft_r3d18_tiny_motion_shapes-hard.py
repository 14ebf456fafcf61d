# Repairing the shortcut-bound model: StaticSwap + recolouring plus ALBAR's entropy term only
# (w_s = 0: no adversarial CE, no gradient penalty; w_e 4.25) on the static clips.
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./staticswap-recolour_r3d18_tiny_motion_shapes-hard.py']
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
model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='DebiasHead',
        head={{_base_.model.cls_head}},
        objectives=[dict(type='ALBARObjective', loss_static_weight=0.0,
                         loss_entropy_weight=4.25, loss_gp_weight=0.0)]))
