# Repairing the shortcut-bound model: StaticSwap + recolouring, learning rate 1e-3 (10x).
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./repair-staticswap-recolour-ft_r3d18_tiny_motion_shapes-hard.py']
optim_wrapper = dict(optimizer=dict(lr=1e-3))
