# ALBAR (Fioresi, Dave & Shah, ICLR 2025) on MMAction2's
# TSN-R50, 3 segments (the static clip is one segment's frame repeated over the 3
# segments), HMDB51 split 1.
#
#   python tools/train.py configs/albar/albar_tsn-r50_1x1x3_hmdb51.py
#
# ../comparison/baseline_tsn-r50_1x1x3_hmdb51.py (the stock model fine-tuned on the HMDB51
# split-1 lists, checkpoints selected on a split held out from the training list) plus:
# StaticClipSampler (static clips cut from the augmented batch), ALBARHead around the stock head
# with the released weights (w_t = 1, w_s = 1, w_e = 4.25) and the gradient penalty (w_g = 10,
# 'released' reduction), all in the head's config. DebiasRecognizer (runs the static pass),
# stock keys.
#
# Expected numbers: the paper reports no run of this model; its HMDB51 headline (Swin3D-T)
# is baseline 73.92 orig / 43.93 SCUBA / 20.46 SCUFO / 36.58 Confl-FG / 27.84 contrasted ->
# ALBAR 73.20 / 53.2 / 0.42 / 49.84 / 53.02. Expect the same direction against the stock
# config trained the same way: similar original top-1, higher SCUBA and contrasted accuracy,
# SCUFO top-1 far lower.
_base_ = '../comparison/baseline_tsn-r50_1x1x3_hmdb51.py'
# exact resume: random states in the checkpoint (mmdebias.engine.RandomStateHook)
default_hooks = dict(random_state=dict(type='RandomStateHook'))

model = dict(
    type='DebiasRecognizer2D',  # runs ALBAR's static pass for the head
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
