# Unbiased control for the easy MotionShapes preset: the pretrained plain model fine-tuned
# with the schedule of baseline-ft_r3d18_tiny_motion_shapes.py (the same starting point and
# number of updates as every method row), on control_train.txt: a copy of the training set,
# as many clips, whose background palette, actor shape and actor colour are uniform over the
# classes (bias 1/K). It is the ceiling of the fine-tuning protocol: what the same budget
# reaches when the fine-tuning data carry no static shortcut. README "Demo".
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES:data/synthetic/motion_shapes}}'
train_dataloader = dict(dataset=dict(ann_file=f'{data_root}/control_train.txt'))
