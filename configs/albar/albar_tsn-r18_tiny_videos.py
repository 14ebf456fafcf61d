# Smoke test of ALBAR through tools/train.py: the tiny TSN-R18 of
# configs/baseline/tsn_r18_tiny_videos.py (4 real videos, 3 segments, 64x64, CPU) with the
# three ALBAR components; the gradient penalty every 2nd iteration (weight x2). The numbers
# it prints mean nothing; it proves the components run end to end (also under
# tools/dist_train.sh / --launcher pytorch).
_base_ = ['../baseline/tsn_r18_tiny_videos.py']

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
