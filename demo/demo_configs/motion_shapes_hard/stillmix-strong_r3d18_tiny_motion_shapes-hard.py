# StillMix, random variant, with the strong mixing of the authors' Kinetics-400 configs:
# every clip mixed (p 1.0), lam ~ Beta(20, 60) (mean 0.25: the foreign still frame dominates
# the appearance, while the clip's frame-to-frame change is only scaled by lam).
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=1.0, alpha=(20., 60.))))
