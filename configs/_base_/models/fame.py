# FAME's blending (Ding et al., CVPR 2022); a leaf takes it with _base_.pop('fame_blending').
fame_blending = dict(
    type='FAMEBlending',
    prob=0.5,
    beta=0.5,
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375])
