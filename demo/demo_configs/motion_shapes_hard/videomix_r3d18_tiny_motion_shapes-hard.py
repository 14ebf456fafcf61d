# VideoMix (Yun et al.): a cuboid of another clip pasted in, labels mixed by its volume.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(
        blending=dict(type='VideoMixBlending', num_classes=6, alpha=1.0, prob=1.0)))
