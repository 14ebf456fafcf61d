# Full SDN (Choi et al., NeurIPS 2019) on the shortcut-bound preset: the scene adversary of
# ./sdn_r3d18_tiny_motion_shapes-hard.py (background palette, GRL with the DANN ramp) plus the
# human-mask confusion loss, as ../motion_shapes/sdn-full_r3d18_tiny_motion_shapes.py on the
# easy preset. The "human" is the actor (actor_boxes/: its box in every frame of every
# training clip, written by the generator in the detection-cache format). HumanMask(mode=
# 'pair') adds a copy of each clip with the actor boxes filled with the frame's mean colour;
# the action CE uses the original view, the confusion loss (paper mode) maximises the entropy
# of the action classifier on the masked view. Two views per clip. README "Demo".
_base_ = ['./sdn_r3d18_tiny_motion_shapes-hard.py']

data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
model = dict(
    cls_head=dict(
        _delete_=True,
        type='HumanMaskConfusionHead',
        head={{_base_.model.cls_head}},
        loss_weight=1.0,
        mode='paper'))

train_pipeline = [
    dict(type='DecordInit', io_backend='disk'),
    dict(type='LoadAspectLabels', label_file=f'{data_root}/scene_labels.npz', key='scene_label',
         data_root=data_root, label_format='top1'),
    dict(type='SampleFrames', clip_len=8, frame_interval=1, num_clips=1),
    dict(type='DecordDecode'),
    dict(type='HumanMask', cache_root=f'{data_root}/actor_boxes', data_root=data_root,
         mode='pair', mask_ratio=1.0),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', algorithm_keys=('scene_label', 'human_masked',
                                                  'human_mask_paired'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
