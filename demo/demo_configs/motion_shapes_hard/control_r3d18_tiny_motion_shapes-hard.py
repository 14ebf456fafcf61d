# Unbiased control for the shortcut-bound preset: the same network, schedule and number of
# clips as baseline_r3d18_tiny_motion_shapes-hard.py, trained on control_train.txt, a copy of
# the training set whose background and actor colour are uniform (bias 1/K). It shows what
# the network can learn from motion with this budget: the ceiling a debiasing method aims at.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
train_dataloader = dict(dataset=dict(ann_file=f'{data_root}/control_train.txt'))
