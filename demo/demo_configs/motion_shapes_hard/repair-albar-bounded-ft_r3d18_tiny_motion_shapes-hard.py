# ALBAR (Fioresi et al., ICLR 2025) with the paper's weights (w_s 1, w_e 4.25, gradient penalty
# 10 every step) and mmdebias's guard against its class-flipping solution: each static clip's
# adversarial term is -min(CE, ln C) (ALBARObjective's static_ce_bound='chance'), repairing the
# shortcut-bound model (otherwise repair-albar-ft_r3d18_tiny_motion_shapes-hard.py).
_base_ = ['./repair-albar-ft_r3d18_tiny_motion_shapes-hard.py']
model = dict(cls_head=dict(objectives=[
    dict(type='ALBARObjective', loss_static_weight=1.0, loss_entropy_weight=4.25,
         loss_gp_weight=10.0, gp_mode='released', static_ce_bound='chance')
]))
