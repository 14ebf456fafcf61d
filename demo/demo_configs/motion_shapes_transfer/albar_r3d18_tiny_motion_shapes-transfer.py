# Transfer preset: ALBAR (Fioresi et al., ICLR 2025) with the paper's weights (w_s 1, w_e 4.25,
# gradient penalty 10 every step), fine-tuning the source backbone -- the regime it was made for.
# Method settings inherited from ../motion_shapes_hard/; schedule and start: see
# baseline_r3d18_tiny_motion_shapes-transfer.py.
_base_ = ['../motion_shapes_hard/albar_r3d18_tiny_motion_shapes-hard.py',
          '../_base_/schedules/motion_shapes_transfer.py']
globals().update(_base_.pop('transfer_finetune'))  # the shared fine-tune schedule
