# Combination: product of experts with the static-frame expert + strong StillMix (p 1.0,
# Beta(20, 60)); the expert sees the unmixed clip's frame.
_base_ = ['./poe_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=1.0, alpha=(20., 60.))))
