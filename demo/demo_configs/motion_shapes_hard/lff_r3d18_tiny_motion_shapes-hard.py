# Learning from Failure with a static-view bias model on the shortcut-bound preset: a small
# 2D network on the middle frame trained with GCE (q 0.7); the 3D model's CE weighted by
# CE_b / (CE_b + CE_d) from per-clip moving averages (0.7), class-wise max-normalised.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py']
model = dict(
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='DebiasHead',
        head={{_base_.model.cls_head}},
        weight_norm='mean',  # the paper's mean over the batch of w * CE
        objectives=[dict(type='BiasReweightObjective', expert=dict(type='FrameExpert'))]))
train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', meta_keys=('img_shape', 'sample_idx'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
