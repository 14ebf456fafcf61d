# Full SDN (Choi et al., NeurIPS 2019) on the shortcut-bound preset: the scene adversary of
# ./sdn_r3d18_tiny_motion_shapes-hard.py (background palette, GRL with the DANN ramp) plus the
# human-mask confusion loss, as ../motion_shapes/sdn-full_r3d18_tiny_motion_shapes.py on the
# easy preset. The "human" is the actor (actor_boxes/: its box in every frame of every
# training clip, written by the generator in the detection-cache format). HumanMask(mode=
# 'pair') adds a copy of each clip with the actor boxes filled with the frame's mean colour;
# the action CE uses the original view, the confusion loss (paper mode) maximises the entropy
# of the action classifier on the masked view. Two views per clip. README "Demo".
_base_ = ['./sdn_r3d18_tiny_motion_shapes-hard.py', '../../../configs/_base_/models/sdn_mask_confusion.py']

data_root = '{{$MMDEBIAS_MOTION_SHAPES_HARD:data/synthetic/motion_shapes_hard}}'
model = dict(cls_head=dict(_base_.pop('sdn_mask_confusion_head'), _delete_=True,
                           head={{_base_.model.cls_head}}))

__p = _base_.train_pipeline  # the scene stage's, the actors masked in a second view after decoding
train_pipeline = __p[:4] + [
    dict(type='HumanMask', cache_root=f'{data_root}/actor_boxes', data_root=data_root,
         mode='pair', mask_ratio=1.0)
] + __p[4:-1] + [
    dict(type='PackActionInputs',
         algorithm_keys=('scene_label', 'human_masked', 'human_mask_paired'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
