# StillMix reference network for the shortcut-bound MotionShapes preset (six classes): the
# 2D ResNet-18 of ref-r2d18_1x1x1_motion_shapes.py trained on single frames, same budget as
# the preset's plain model (6 epochs). Bank for stillmix-bank_r3d18_tiny_motion_shapes-hard.py:
#   python tools/data/stillmix_frame_bank.py demo/demo_configs/motion_shapes_hard/ref-r2d18_1x1x1_motion_shapes-hard.py \
#       --work-dir work_dirs/motion_shapes_hard/stillmix_bank \
#       --out data/synthetic/motion_shapes_hard/stillmix_bank.npz --short-side 32 --crop-size 32
_base_ = ['../motion_shapes/ref-r2d18_1x1x1_motion_shapes.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
model = dict(cls_head=dict(num_classes=6))
train_dataloader = dict(
    dataset=dict(ann_file=f'{data_root}/train.txt', data_prefix=dict(video=data_root)))
