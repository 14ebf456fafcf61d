# BE (Wang et al., CVPR 2021), supervised port: a random frame of the same clip added,
# lam ~ U(0, 0.3), p 0.5.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(data_preprocessor=dict(blending=dict(type='BEBlending', prob=0.5, gamma=0.3)))
