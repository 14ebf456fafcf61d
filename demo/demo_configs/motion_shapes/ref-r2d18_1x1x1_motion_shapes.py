# StillMix reference network for the MotionShapes demo: the 2D version of the demo's backbone
# (a ResNet-18 2D, Recognizer2D + TSNHead) trained on SINGLE frames with the clip label, on the
# same training clips and budget as the plain model (6 epochs).
# tools/data/stillmix_frame_bank.py trains it, scores every frame of every training clip and
# writes the bank read by demo/demo_configs/motion_shapes/stillmix-bank_r3d18_tiny_motion_shapes.py
# (32x32 clips: no resize):
#   python tools/data/stillmix_frame_bank.py demo/demo_configs/motion_shapes/ref-r2d18_1x1x1_motion_shapes.py \
#       --work-dir work_dirs/motion_shapes/stillmix_bank \
#       --out data/synthetic/motion_shapes/stillmix_bank.npz --short-side 32 --crop-size 32
_base_ = [
    '../_base_/datasets/motion_shapes.py', '../_base_/schedules/motion_shapes_sgd.py',
    '../../../configs/_base_/default_runtime.py'
]

model = dict(
    type='Recognizer2D',
    backbone=dict(type='ResNet', depth=18, pretrained=None, norm_eval=False),
    cls_head=dict(
        type='TSNHead',
        num_classes=4,
        in_channels=512,
        spatial_type='avg',
        consensus=dict(type='AvgConsensus', dim=1),
        dropout_ratio=0.2,
        init_std=0.01,
        average_clips='prob'),
    data_preprocessor=dict(
        type='ActionDataPreprocessor',
        mean=[127.5, 127.5, 127.5],
        std=[64.0, 64.0, 64.0],
        format_shape='NCHW'))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs')
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
# the reference network only scores training frames: no validation or test loop
val_dataloader = val_cfg = val_evaluator = None
test_dataloader = test_cfg = test_evaluator = None
default_hooks = dict(logger=dict(interval=10), checkpoint=dict(interval=6, save_best=None))
randomness = dict(seed=0)
