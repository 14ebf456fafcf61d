# Transfer preset: StillMix with the frame bank of its 2D reference network, fine-tuning the
# source backbone.
# Method settings inherited from ../motion_shapes_hard/; schedule and start: see
# baseline_r3d18_tiny_motion_shapes-transfer.py.
_base_ = ['../motion_shapes_hard/stillmix-bank_r3d18_tiny_motion_shapes-hard.py',
          '../_base_/schedules/motion_shapes_transfer.py']
globals().update(_base_.pop('transfer_finetune'))  # the shared fine-tune schedule
