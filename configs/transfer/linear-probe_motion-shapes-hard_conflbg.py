# Linear-probe target on the MotionShapes 'hard' preset where only motion tells the class
# (tools/analysis/linear_probe.py --data). The probe is trained on the unbiased control
# training list (control_train.txt: background palette and actor colour uniform over the six
# classes, so static cues carry no class information and the probe can only use what the
# features say about motion) and tested on the Confl-BG clips (each held-out clip on the training
# background of another class). Both sets go through the
# test pipeline. Used by demo/transfer_probe_demo.py; e.g.
#   python tools/analysis/linear_probe.py \
#       configs/motion_shapes_hard/baseline_r3d18_tiny_motion_shapes-hard.py exported.pth \
#       --data configs/transfer/linear-probe_motion-shapes-hard_scuba.py \
#              configs/transfer/linear-probe_motion-shapes-hard_conflbg.py
_base_ = ['../_base_/datasets/motion_shapes_hard.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'

train_dataloader = dict(dataset=dict(ann_file=f'{data_root}/control_train.txt'))
test_dataloader = dict(
    _delete_=True,
    batch_size=16,
    num_workers=2,
    persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(
        type='BiasVideoDataset',
        ann_file=f'{data_root}/conflbg.json',
        protocol='conflbg',
        data_prefix=dict(video=data_root),
        pipeline={{_base_.test_pipeline}},
        test_mode=True))
