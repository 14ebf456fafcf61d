# MotionShapes, 'hard' (shortcut-bound) preset: six motion classes (four translations,
# clockwise / counter-clockwise rotation), background palette and actor colour each the
# class's own in 98% of training clips (independently); the bias-probing test sets redraw the
# actor colour, so only motion tells the class there. Generate it with:
#   python tools/data/make_motion_shapes.py data/synthetic/motion_shapes_hard --preset hard \
#       --bias 0.98
# Same pipelines as the easy preset (demo/demo_configs/_base_/datasets/motion_shapes.py); only the data
# root changes. control_train.txt is the unbiased control's training set (both cues uniform).
# The folder: MMDEBIAS_MOTION_SHAPES_HARD if set, else data/synthetic/motion_shapes_hard.
_base_ = ['./motion_shapes.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'

train_dataloader = dict(
    dataset=dict(ann_file=f'{data_root}/train.txt', data_prefix=dict(video=data_root)))
val_dataloader = dict(
    dataset=dict(ann_file=f'{data_root}/val.txt', data_prefix=dict(video=data_root)))
test_dataloader = dict(
    dataset=dict(datasets=[
        dict(
            type='BiasVideoDataset',
            ann_file=f'{data_root}/{protocol}.json',
            protocol=protocol,
            data_prefix=dict(video=data_root),
            pipeline={{_base_.test_pipeline}},
            test_mode=True)
        for protocol in ('original', 'scuba', 'scufo', 'conflfg', 'conflbg')
    ]))
