# ALBAR (Fioresi, Dave & Shah, ICLR 2025) as the objective of a DebiasHead, the paper's weights; a leaf takes it with _base_.pop('albar_debias_head') and adds head=.
albar_debias_head = dict(
    type='DebiasHead',
    objectives=[
        dict(type='ALBARObjective', loss_static_weight=1.0, loss_entropy_weight=4.25,
             loss_gp_weight=10.0, gp_mode='released')
    ])
