# StaticSwap (mmdebias) on every clip (probability 1.0).
_base_ = ['./staticswap_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(blending=dict(type='StaticSwapBlending', prob=1.0)))
