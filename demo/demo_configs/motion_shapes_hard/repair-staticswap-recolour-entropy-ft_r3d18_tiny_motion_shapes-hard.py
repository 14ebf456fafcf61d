# Repairing the shortcut-bound model: StaticSwap + recolouring plus ALBAR's entropy term only
# (w_s = 0: no adversarial CE, no gradient penalty; w_e 4.25) on the static clips.
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./repair-staticswap-recolour-ft_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='DebiasHead',
        head={{_base_.model.cls_head}},
        objectives=[dict(type='ALBARObjective', loss_static_weight=0.0,
                         loss_entropy_weight=4.25, loss_gp_weight=0.0)]))
