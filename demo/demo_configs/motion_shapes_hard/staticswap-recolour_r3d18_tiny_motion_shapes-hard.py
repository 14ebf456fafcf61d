# StaticSwap (mmdebias, p 0.75) that also recolours the moving part (a random permutation of
# the colour channels of x - x_mid per clip): x' = P(x - x_mid) + f.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StaticSwapBlending', prob=0.75, permute_channels=True)))
