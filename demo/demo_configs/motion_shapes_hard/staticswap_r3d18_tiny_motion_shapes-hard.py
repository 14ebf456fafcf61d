# StaticSwap (mmdebias): each clip's static view (its middle frame) replaced by a frame of
# another clip -- x' = x - x_mid + f -- with probability 0.5; motion and label kept.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(blending=dict(type='StaticSwapBlending', prob=0.5)))
