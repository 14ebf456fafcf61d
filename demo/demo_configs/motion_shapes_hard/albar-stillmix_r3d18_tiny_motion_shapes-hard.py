# ALBAR + StillMix (random frame of another clip, p 0.75, lam ~ Beta(200, 200)): the static
# clip is cut from the clip before blending.
_base_ = ['./albar_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
