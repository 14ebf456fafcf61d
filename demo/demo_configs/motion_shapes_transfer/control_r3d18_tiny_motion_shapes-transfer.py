# Transfer preset, unbiased control: the source backbone fine-tuned on the target's unbiased
# copy (control_train.txt, both cues uniform), the ceiling the methods are judged against.
# Method settings inherited from ../motion_shapes_hard/; schedule and start: see
# baseline_r3d18_tiny_motion_shapes-transfer.py.
_base_ = ['../motion_shapes_hard/control_r3d18_tiny_motion_shapes-hard.py',
          '../_base_/schedules/motion_shapes_transfer.py']
globals().update(_base_.pop('transfer_finetune'))  # the shared fine-tune schedule
