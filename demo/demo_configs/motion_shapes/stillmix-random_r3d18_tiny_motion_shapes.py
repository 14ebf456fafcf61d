# StillMix, random variant (Li et al., ICCV 2023) on the MotionShapes demo: fine-tunes the
# pretrained plain model like baseline-ft_r3d18_tiny_motion_shapes.py, each clip mixed with
# probability 0.75 with a random frame f of another clip of the batch repeated over time,
# x' = lam x + (1 - lam) f, lam ~ Beta(200, 200) once per batch (lam ~ 0.5), label kept.
# p 0.75: the StillMix authors' value for pretrained models fine-tuned on HMDB51, and ALBAR's.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']

model = dict(
    data_preprocessor=dict(
        blending=dict(type='StillMixBlending', prob=0.75, alpha=(200., 200.))))
