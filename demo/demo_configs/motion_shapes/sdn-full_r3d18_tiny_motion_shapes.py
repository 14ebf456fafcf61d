# Full SDN (Choi et al., NeurIPS 2019) on the MotionShapes demo: the scene adversary of
# ./sdn_r3d18_tiny_motion_shapes.py plus the human-mask confusion loss. The "human" is the
# actor: the generator writes its box in every frame of every training clip in the
# detection-cache format (actor_boxes/, ground-truth detections). HumanMask(mode='pair')
# adds a copy of each clip with the actor boxes filled with the frame's mean colour; the
# action CE uses the original view, the confusion loss (paper mode) maximises the entropy of
# the action classifier on the masked view, and the scene adversary sees the original view.
# Costs about twice the baseline's compute (two views per clip). Measured (demo, seeds 0-2):
# original 99.2, SCUBA 88.7, SCUFO 44.2, contrasted 45.5, Confl-FG 90.0, Confl-BG 98.8
# (baseline 99.8 / 88.0 / 36.5 / 52.0 / 87.0 / 98.8). README "Demo".
_base_ = ['./sdn_r3d18_tiny_motion_shapes.py', '../../../configs/_base_/models/sdn_mask_confusion.py']

data_root = '{{$MMDEBIAS_MOTION_SHAPES:data/synthetic/motion_shapes}}'
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
