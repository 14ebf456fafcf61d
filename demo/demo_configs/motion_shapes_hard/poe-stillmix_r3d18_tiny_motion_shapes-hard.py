# Combination: product of experts with the static-frame expert + StillMix (random frame of
# another clip, p 0.75, Beta(200, 200)); the expert sees the unmixed clip's frame.
_base_ = ['./poe_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
