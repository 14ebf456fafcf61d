# SMAD (SAAR + MAAT, scene) combined with ALBAR on SlowOnly-R18 8x8x1, K200db-style split; see README.md.
_base_ = ['./smad-scene_slowonly-r18_8xb16-8x8x1-256e_k200db-rgb.py', '../_base_/models/albar.py']

model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(_base_.pop('albar_head'), _delete_=True, head={{_base_.model.cls_head}}))
