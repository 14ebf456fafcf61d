# Repairing the shortcut-bound model: StaticSwap + recolouring, re-warmed with the from-scratch
# schedule (SGD 0.05, momentum 0.9, 1 warm-up epoch, cosine) instead of AdamW 1e-4.
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
# The from-scratch schedule (6 epochs, SGD, warm-up) is the plain config's.
_base_ = ['./staticswap-recolour_r3d18_tiny_motion_shapes-hard.py']
