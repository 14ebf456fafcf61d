# ALBAR (Fioresi, Dave & Shah, ICLR 2025) on MMAction2's SlowOnly-R50 8x8x1 Kinetics-400.
#
#   python tools/train.py configs/albar/albar_slowonly-r50_8x8x1_kinetics400.py
#   mim train mmdebias configs/albar/albar_slowonly-r50_8x8x1_kinetics400.py  (after pip install)
#   _base_ = 'mmdebias::albar/albar_slowonly-r50_8x8x1_kinetics400.py'  (in your own config)
#
# What changes against the stock config: static clips (the middle of the 8 sampled frames,
# repeated) cut from the augmented batch by StaticClipSampler; ALBARHead wraps the stock
# I3DHead with the released weights (w_t = 1, w_s = 1, w_e = 4.25) and the static gradient
# penalty (w_g = 10, 'released' reduction), all in the head's config. The recognizer is
# DebiasRecognizer3D (Recognizer3D that runs the static pass); checkpoints keep stock keys.
#
# Expected numbers: the paper reports no SlowOnly-R50 / K400 run. Its headline (Swin3D-T,
# HMDB51, see configs/albar/albar_swin-t_hmdb51-split1_faithful.py) is baseline 73.92 orig /
# 43.93 SCUBA / 20.46 SCUFO / 27.84 contra -> ALBAR 73.20 / 53.2 / 0.42 / 53.02. Expect the
# same direction here: original top-1 close to the stock run, SCUFO top-1 far lower.
_base_ = 'mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='ALBARHead',
        head={{_base_.model.cls_head}},
        loss_static_weight=1.0,
        loss_entropy_weight=4.25,
        loss_gp_weight=10.0,
        gp_mode='released',
        static_bn='batch_stats'))
