# VideoMix (Yun et al., 2020) on the MotionShapes demo: fine-tunes the pretrained plain model
# like baseline-ft_r3d18_tiny_motion_shapes.py; a box of another clip j (sides sqrt(1 - lam) of
# the frame, all frames; lam ~ Beta(1, 1)) pasted into clip i, label (1 - v) y_i + v y_j with
# v the pasted volume fraction, every clip (probability 1).
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']

model = dict(
    data_preprocessor=dict(
        blending=dict(
            type='VideoMixBlending',
            num_classes={{_base_.model.cls_head.num_classes}},
            alpha=1.0,
            prob=1.0)))
