# SMAD (SAAR + MAAT, scene) combined with ALBAR on SlowOnly-R18 8x8x1, K200db-style split; see README.md.
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
