# Smoke test of ALBAR through tools/train.py on the tiny TSN-R18 (4 real videos, CPU); see README.md.
_base_ = ['../baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py']

model = dict(
    type='DebiasRecognizer2D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='ALBARHead',
        head={{_base_.model.cls_head}},
        loss_static_weight=1.0,
        loss_entropy_weight=4.25,
        loss_gp_weight=10.0,
        gp_mode='released'))
custom_hooks = [dict(type='GradientPenaltyHook', interval=2)]  # w_g x 2, every 2nd step
