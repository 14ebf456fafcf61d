# ALBAR (ICLR 2025) on the shortcut-bound preset, the paper's weights (w_s 1, w_e 4.25,
# gradient penalty 10 every step), trained from scratch like every row of this preset.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='DebiasHead',
        head={{_base_.model.cls_head}},
        objectives=[dict(type='ALBARObjective', loss_static_weight=1.0,
                         loss_entropy_weight=4.25, loss_gp_weight=10.0,
                         gp_mode='released')]))
