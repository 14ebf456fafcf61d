# ALBAR (Fioresi et al., ICLR 2025) in its own regime: fine-tuning a trained model (here the
# shortcut-bound plain model of the same seed) with the paper's weights (w_s 1, w_e 4.25,
# gradient penalty 10 every step), for 3 epochs with AdamW 1e-4 -- the schedule of
# baseline-ft_r3d18_tiny_motion_shapes-hard.py, its control.
_base_ = ['./baseline-ft_r3d18_tiny_motion_shapes-hard.py', '../_base_/models/albar_debias_head.py']
model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    cls_head=dict(_base_.pop('albar_debias_head'), _delete_=True, head={{_base_.model.cls_head}}))
