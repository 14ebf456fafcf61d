# ActorCutMix (Zou et al.) on the SlowOnly-R50 8x8x1 Kinetics-400 baseline; see README.md.
_base_ = '../baseline/baseline_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py'

model = dict(data_preprocessor=dict(blending=dict(
    type='ActorCutMixBlending', num_classes={{_base_.model.cls_head.num_classes}}, prob=0.5)))
__p, __root = _base_.train_pipeline, _base_.data_root  # boxes: <root>/../person_dets
train_pipeline = __p[:3] + [
    dict(type='LoadActorMask', cache_root=__root.replace('videos', 'person_dets'),
         data_root=__root, transforms=__p[3:-2]),
    __p[-2], dict(type='PackActionInputs', algorithm_keys=('actor_mask', ))]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
