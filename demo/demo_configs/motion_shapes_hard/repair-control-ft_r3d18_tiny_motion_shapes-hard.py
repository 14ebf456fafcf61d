# Repairing the shortcut-bound model: the plain model fine-tuned on the unbiased copy of the training set
# (control_train.txt): what the budget can repair when the data carry no shortcut.
# Budget and start: repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py.
_base_ = ['./repair-baseline-ft_r3d18_tiny_motion_shapes-hard.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
train_dataloader = dict(dataset=dict(ann_file=f'{data_root}/control_train.txt'))
