# SMAD (SAAR + MAAT, scene) combined with ALBAR (Fioresi et al., ICLR 2025) on SlowOnly-R18
# 8x8x1, K200db-style split. As ./smad-scene_slowonly-r18_8x8x1_k200db.py plus ALBAR's lines:
# StaticClipSampler (static clip = middle frame repeated, cut from the augmented batch),
# ALBARHead wrapping the stock I3DHead (w_s = 1, w_e = 4.25), the gradient penalty (w_g = 10,
# 'released'). ALBAR's static pass (DebiasRecognizer3D) runs extract_feat, i.e. the backbone AND this
# neck (SAAR re-weighting; the static pass gets no data samples, so no adversary runs on it
# and MAAT acts on motion clips only). SAARNeck.last_actionness then holds the maps
# of the static pass.
#
# Expected numbers: no paper reports this combination. Reference points (SlowOnly-R18,
# K200db-train; ARAS-64 / K200db-val): baseline 51.0 / 51.9, SMAD MAAT+SAAR 58.4 / 55.0.
# Expect at least the SMAD numbers on K200db-val and a much lower SCUFO (static-clip) top-1.
_base_ = './smad-scene_slowonly-r18_8x8x1_k200db.py'

model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(
        _delete_=True,
        type='ALBARHead',
        head=dict(type='I3DHead', in_channels=512, num_classes=200, spatial_type='avg',
                  dropout_ratio=0.5, average_clips='prob'),
        loss_static_weight=1.0,
        loss_entropy_weight=4.25,
        loss_gp_weight=10.0,
        gp_mode='released',
        static_bn='batch_stats'))
