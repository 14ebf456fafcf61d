# FAME (Ding et al., CVPR 2022): moving foreground of a clip on another clip's background,
# beta 0.5, p 0.5.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py', '../../../configs/_base_/models/fame.py']
model = dict(data_preprocessor=dict(blending=dict(
    _base_.pop('fame_blending'), mean={{_base_.model.data_preprocessor.mean}},
    std={{_base_.model.data_preprocessor.std}})))
