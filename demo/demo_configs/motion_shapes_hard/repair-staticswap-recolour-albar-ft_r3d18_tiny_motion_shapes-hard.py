# Repairing the shortcut-bound model: StaticSwap + recolouring combined with ALBAR (paper's
# weights; the static clip is cut from the clip before the swap).
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./repair-albar-ft_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StaticSwapBlending', prob=0.75, permute_channels=True)))
