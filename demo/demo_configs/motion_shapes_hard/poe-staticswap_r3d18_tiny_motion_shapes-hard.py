# Combination: product of experts with the static-frame expert + StaticSwap (p 0.5); the
# expert sees the unswapped clip's frame.
_base_ = ['./poe_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(blending=dict(type='StaticSwapBlending', prob=0.5)))
