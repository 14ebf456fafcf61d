# Repairing the shortcut-bound model: StaticSwap + recolouring with the classifier
# re-initialised after loading the plain model (ReinitModulesHook).
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./repair-staticswap-recolour-ft_r3d18_tiny_motion_shapes-hard.py']
custom_hooks = [dict(type='ReinitModulesHook', modules=['cls_head'])]
