# ALBAR (Fioresi, Dave & Shah, ICLR 2025) on SlowOnly-R50 8x8x1 Kinetics-400; see README.md.
_base_ = ['mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py', '../_base_/models/albar.py']
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(_base_.pop('albar_head'), _delete_=True, head={{_base_.model.cls_head}}))
