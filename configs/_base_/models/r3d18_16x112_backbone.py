# The 3D ResNet-18 of SDN (Choi et al., NeurIPS 2019; Hara et al., CVPR 2018) for 16 x 112 x 112 clips; a config takes it with _base_.pop('r3d18_backbone').
r3d18_backbone = dict(
    type='ResNet3d',
    depth=18,
    pretrained=None,
    pretrained2d=False,
    conv1_kernel=(7, 7, 7),
    conv1_stride_t=1,
    pool1_stride_t=2,
    temporal_strides=(1, 2, 2, 2),
    inflate=(1, 1, 1, 1),
    norm_eval=False)
