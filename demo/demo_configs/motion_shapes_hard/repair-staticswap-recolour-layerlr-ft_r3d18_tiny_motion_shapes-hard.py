# Repairing the shortcut-bound model: StaticSwap + recolouring, learning rate per layer: the
# last two backbone stages and the classifier at 10x the base 1e-4.
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./repair-staticswap-recolour-ft_r3d18_tiny_motion_shapes-hard.py']
optim_wrapper = dict(paramwise_cfg=dict(custom_keys={
    'backbone.layer3': dict(lr_mult=10.0), 'backbone.layer4': dict(lr_mult=10.0),
    'cls_head': dict(lr_mult=10.0)}))
