# StaticSwap (mmdebias, p 0.75) that also recolours the moving part, on the easy preset.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StaticSwapBlending', prob=0.75, permute_channels=True)))
