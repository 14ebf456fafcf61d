# Combination: LfF with the static-frame bias model + StillMix (random, p 0.75,
# Beta(200, 200)); the bias model sees the unmixed clip's frame.
_base_ = ['./lff_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
