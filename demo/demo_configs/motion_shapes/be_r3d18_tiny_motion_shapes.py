# BE, supervised port (Wang et al., CVPR 2021) on the MotionShapes demo: fine-tunes the
# pretrained plain model like baseline-ft_r3d18_tiny_motion_shapes.py with
# x' = (1 - lam) x + lam x_j, x_j a random frame of the SAME clip repeated over time,
# lam ~ U(0, 0.3) per clip, each clip blended with probability 0.5, label kept.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']

model = dict(data_preprocessor=dict(blending=dict(type='BEBlending', prob=0.5, gamma=0.3)))
