# ALBAR (Fioresi, Dave & Shah, ICLR 2025) on TSN-R50, 3 segments, UCF101 split 1; see README.md.
_base_ = ['../baseline/baseline_tsn-r50_8xb32-1x1x3-50e_ucf101-split1-rgb.py', '../_base_/models/albar.py']
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

model = dict(
    type='DebiasRecognizer2D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(_base_.pop('albar_head'), _delete_=True, head={{_base_.model.cls_head}}))
