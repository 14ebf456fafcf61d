# StaticSwap (mmdebias) with probability 0.75 (StillMix's HMDB51 probability).
_base_ = ['./staticswap_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(blending=dict(type='StaticSwapBlending', prob=0.75)))
