# Transfer preset, plain fine-tune: the source-pretrained backbone
# (source_r3d18_tiny_motion_shapes-source.py; its backbone only, so the classifier starts
# from its random init: "head re-initialised") fine-tuned with plain cross entropy on the
# shortcut-bound target (the hard preset, two 98% static cues) with the preset's schedule
# (../_base_/schedules/motion_shapes_transfer.py: 6 epochs, AdamW 1e-4, cosine). Every
# *-transfer config has this schedule and start (a test checks it) and adds one method of
# ../motion_shapes_hard/ (inherited from there, so the method's settings are the hard
# preset's). demo/bias_demo.py --preset transfer passes the source backbone as load_from;
# with tools/train.py, MMDEBIAS_SOURCE_BACKBONE names it.
_base_ = ['../motion_shapes_hard/baseline_r3d18_tiny_motion_shapes-hard.py',
          '../_base_/schedules/motion_shapes_transfer.py']
globals().update(_base_.pop('transfer_finetune'))  # the shared fine-tune schedule
