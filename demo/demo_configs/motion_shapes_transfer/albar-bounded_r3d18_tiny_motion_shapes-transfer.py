# Transfer preset: ALBAR (Fioresi et al., ICLR 2025) with the paper's weights and mmdebias's
# guard against its class-flipping solution (each static clip's adversarial term is
# -min(CE, ln C): ALBARObjective's static_ce_bound='chance'), fine-tuning the source backbone.
# Method settings inherited from ../motion_shapes_hard/; schedule and start: see
# baseline_r3d18_tiny_motion_shapes-transfer.py.
_base_ = ['../motion_shapes_hard/albar-bounded_r3d18_tiny_motion_shapes-hard.py',
          '../_base_/schedules/motion_shapes_transfer.py']
globals().update(_base_.pop('transfer_finetune'))  # the shared fine-tune schedule
