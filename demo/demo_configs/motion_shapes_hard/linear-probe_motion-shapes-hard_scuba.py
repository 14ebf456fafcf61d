# Linear-probe target (tools/analysis/linear_probe.py --data): MotionShapes-hard control train list, SCUBA test clips; see README.md.
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
        ann_file=f'{data_root}/scuba.json',
        protocol='scuba',
        data_prefix=dict(video=data_root),
        pipeline={{_base_.test_pipeline}},
        test_mode=True))
