# StillMix (Li et al., ICCV 2023), random variant: a random frame of another clip in the batch,
# p 0.75, lam ~ Beta(200, 200); labels kept.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
