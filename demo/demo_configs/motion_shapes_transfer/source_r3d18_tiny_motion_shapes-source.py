# Source pre-training of the transfer preset (the analogue of Kinetics-400 pre-training): the
# tiny 3D ResNet-18 trained from scratch with plain cross entropy (SGD, the schedule of the
# shortcut-bound plain model) on the MotionShapes source task
# (mmdebias/preparation/synthetic/motion_shapes_source.py): six motions -- right (the only one
# shared with the target), grow, shrink, horizontal / vertical oscillation, still --, no static
# bias, 1,800 clips, drawn with the transfer camera (1 px / frame, sensor noise 20, as the
# target). Tested on its held-out val.txt (top-1, AccMetric). Generate the data with:
#   python tools/data/make_motion_shapes.py data/synthetic/motion_shapes_source --preset source \
#       --speed 1 --noise 20
# The folder: MMDEBIAS_MOTION_SHAPES_SOURCE if set, else data/synthetic/motion_shapes_source.
_base_ = [
    '../_base_/models/r3d18_tiny.py', '../_base_/datasets/motion_shapes.py',
    '../_base_/schedules/motion_shapes_sgd.py', '../../../configs/_base_/default_runtime.py'
]
data_root = '{{$MMDEBIAS_MOTION_SHAPES_SOURCE:data/synthetic/motion_shapes_source}}'
model = dict(cls_head=dict(num_classes=6))
train_dataloader = dict(
    dataset=dict(ann_file=f'{data_root}/train.txt', data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=f'{data_root}/val.txt', data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(
        _delete_=True,
        type='VideoDataset',
        ann_file=f'{data_root}/val.txt',
        data_prefix=dict(video=data_root),
        pipeline={{_base_.test_pipeline}},
        test_mode=True))
test_evaluator = dict(_delete_=True, type='AccMetric')
train_cfg = dict(max_epochs=6, val_interval=6)
default_hooks = dict(logger=dict(interval=25), checkpoint=dict(interval=6, save_best=None))
randomness = dict(seed=0)
