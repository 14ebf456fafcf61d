# StillMix, random variant, on every clip (p 1.0, Beta(200, 200)).
_base_ = ['./stillmix-random_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=1.0, alpha=(200., 200.))))
