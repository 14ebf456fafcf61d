# StillMix (Li et al., ICCV 2023) with the frame bank: frames a 2D reference network trained on
# single frames is most confident on (quantile slice [0.5, 1], 1024 frames), p 0.75,
# lam ~ Beta(200, 200). Build the bank first (demo/demo_configs/motion_shapes_hard/ref-r2d18_1x1x1_motion_shapes-hard.py).
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py', '../../../configs/_base_/models/stillmix_bank.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
model = dict(data_preprocessor=dict(blending=dict(
    _base_.pop('stillmix_bank_blending'), bank_file=f'{data_root}/stillmix_bank.npz',
    mean={{_base_.model.data_preprocessor.mean}}, std={{_base_.model.data_preprocessor.std}})))
