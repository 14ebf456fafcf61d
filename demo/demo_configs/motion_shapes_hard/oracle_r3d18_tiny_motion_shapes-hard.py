# Oracle ceiling for reweighting on the shortcut-bound preset: the clips whose static cues
# conflict with the label (known to the benchmark generator) weigh #aligned / #conflicting
# (27.6 for data seed 0: 42 of 1200 clips), the others 1. The generator writes the weights
# (oracle_weights.json); for other annotation files:
#   python tools/data/make_sample_weights.py OUT.json --annotations train_full.json
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
model = dict(
    cls_head=dict(
        _delete_=True,
        type='DebiasHead',
        head={{_base_.model.cls_head}},
        objectives=[dict(type='SampleWeightObjective')]))
train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadSampleWeight', weight_file=f'{data_root}/oracle_weights.json',
         data_root=data_root),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('sample_weight', ))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
