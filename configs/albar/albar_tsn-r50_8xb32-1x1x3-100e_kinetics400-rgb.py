# ALBAR (Fioresi, Dave & Shah, ICLR 2025) on TSN-R50, 3 segments, Kinetics-400; see README.md.
_base_ = ['mmaction::recognition/tsn/tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py', '../_base_/models/albar.py']
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

model = dict(
    type='DebiasRecognizer2D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(_base_.pop('albar_head'), _delete_=True, head={{_base_.model.cls_head}}))
