# FAME (Ding et al., CVPR 2022) on the MotionShapes demo: fine-tunes the pretrained plain model
# like baseline-ft_r3d18_tiny_motion_shapes.py with x'_i = m_i x_i + (1 - m_i) x_j -- the
# moving foreground of clip i (frame-difference mask, blurred, colour-refined, top 50% of the
# pixels, one mask for all frames) on the background of another clip j, probability 0.5,
# label of i. With 32x32 clips the blur kernel is 3 pixels.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py', '../../../configs/_base_/models/fame.py']

model = dict(data_preprocessor=dict(blending=dict(
    _base_.pop('fame_blending'), mean={{_base_.model.data_preprocessor.mean}},
    std={{_base_.model.data_preprocessor.std}})))
