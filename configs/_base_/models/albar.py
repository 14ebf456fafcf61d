# ALBAR's head (Fioresi, Dave & Shah, ICLR 2025) with the released weights; a leaf takes it with _base_.pop('albar_head').
albar_head = dict(
    type='ALBARHead',
    loss_static_weight=1.0,
    loss_entropy_weight=4.25,
    loss_gp_weight=10.0,
    gp_mode='released',
    static_bn='batch_stats')
