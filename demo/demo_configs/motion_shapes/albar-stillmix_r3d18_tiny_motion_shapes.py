# ALBAR + StillMix on the MotionShapes demo: albar_r3d18_tiny_motion_shapes.py plus StillMix
# (random variant, as in ALBAR's code: p 0.75, Beta(200, 200)). The static clip of each clip
# is cut BEFORE StillMix blends it (StaticClipSampler), so clip i, its static clip and its
# label stay aligned.
_base_ = ['./albar_r3d18_tiny_motion_shapes.py']

model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
