# A stock Recognizer3D with SDN's 3D ResNet-18 for 16 x 112 x 112 clips and an I3DHead (random init).
_base_ = ['./r3d18_16x112_backbone.py']
model = dict(
    type='Recognizer3D',
    backbone=_base_.pop('r3d18_backbone'),
    cls_head=dict(
        type='I3DHead',
        in_channels=512,
        num_classes=400,
        spatial_type='avg',
        dropout_ratio=0.5,
        init_std=0.01,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[123.675, 116.28, 103.53],
        std=[58.395, 57.12, 57.375],
        format_shape='NCTHW'))
