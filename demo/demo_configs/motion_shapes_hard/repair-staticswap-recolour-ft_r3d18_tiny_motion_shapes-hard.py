# Repairing the shortcut-bound model: StaticSwap + recolouring (mmdebias, p 0.75).
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StaticSwapBlending', prob=0.75, permute_channels=True)))
