# ALBAR (ICLR 2025) on the shortcut-bound preset, the paper's weights (w_s 1, w_e 4.25,
# gradient penalty 10 every step), trained from scratch like every row of this preset.
_base_ = ['./baseline_r3d18_tiny_motion_shapes-hard.py', '../_base_/models/albar_debias_head.py']
model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(_base_.pop('albar_debias_head'), _delete_=True, head={{_base_.model.cls_head}}))
