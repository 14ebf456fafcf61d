# Transfer preset, plain fine-tune: the source-pretrained backbone
# (source_r3d18_tiny_motion_shapes-source.py; its backbone only, so the classifier starts
# from its random init: "head re-initialised") fine-tuned with plain cross entropy on the
# shortcut-bound target (the hard preset, two 98% static cues), 6 epochs, AdamW 1e-3, cosine
# (the project's fine-tune optimiser, ../_base_/schedules/motion_shapes_finetune.py, at 10x its
# learning rate: with 1e-4 the control reached only 83% on SCUBA / Confl-BG, see the docs'
# "Three regimes" page). Every *-transfer config has this schedule and start (a test checks
# it) and adds one method of ../motion_shapes_hard/ (inherited from there, so the method's
# settings are the hard preset's). demo/bias_demo.py --preset transfer passes the source backbone as
# load_from; with tools/train.py, MMDEBIAS_SOURCE_BACKBONE names it.
_base_ = ['../motion_shapes_hard/baseline_r3d18_tiny_motion_shapes-hard.py']
# ---- transfer schedule (the same block in every *-transfer config) ----
train_cfg = dict(max_epochs=6, val_interval=6)
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=6, eta_min=0, by_epoch=True, begin=0, end=6,
         convert_to_iter_based=True)
]
optim_wrapper = dict(
    optimizer=dict(_delete_=True, type='AdamW', lr=1e-3, betas=(0.9, 0.999),
                   weight_decay=0.05))
default_hooks = dict(checkpoint=dict(interval=6))
load_from = '{{$MMDEBIAS_SOURCE_BACKBONE:work_dirs/demo_transfer/source_backbone.pth}}'
