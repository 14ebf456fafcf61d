# SDN faithful reproduction, full model (Choi et al., NeurIPS 2019); see README.md.
_base_ = ['./sdn-scene_r3d-18_1xb32-16x1x1-100e_minikinetics200-rgb.py', '../_base_/models/sdn_mask_confusion.py']

person_cache = 'data/kinetics400/person_dets_train'

model = dict(
    neck=dict(adversaries=[{{_base_.sdn_full_scene_adversary}}]),
    cls_head=dict(_base_.pop('sdn_mask_confusion_head'), _delete_=True,
                  head={{_base_.model.cls_head}}))

__p = _base_.train_pipeline  # the scene stage's, the actors masked in a second view after decoding
train_pipeline = __p[:4] + [
    dict(type='HumanMask', cache_root=person_cache, data_root={{_base_.data_root}}, mode='pair',
         mask_ratio=1.0, score_thr=0.3, min_detection_ratio=0.7, on_low_detection='skip')
] + __p[4:-1] + [
    dict(type='PackActionInputs',
         algorithm_keys=('scene_label', 'human_masked', 'human_mask_paired'))
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
