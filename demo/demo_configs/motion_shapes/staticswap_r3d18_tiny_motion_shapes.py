# StaticSwap (mmdebias) on the easy preset: each clip's static view (its middle frame)
# replaced by a frame of another clip -- x' = x - x_mid + f -- with probability 0.75 (the
# best probability on the shortcut-bound preset).
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']
model = dict(
    data_preprocessor=dict(blending=dict(type='StaticSwapBlending', prob=0.75)))
