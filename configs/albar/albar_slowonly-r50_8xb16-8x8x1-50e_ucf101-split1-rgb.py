# ALBAR (Fioresi, Dave & Shah, ICLR 2025) on SlowOnly-R50 8x8x1, UCF101 split 1; see README.md.
_base_ = ['../baseline/baseline_slowonly-r50_8xb16-8x8x1-50e_ucf101-split1-rgb.py', '../_base_/models/albar.py']
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(_base_.pop('albar_head'), _delete_=True, head={{_base_.model.cls_head}}))
