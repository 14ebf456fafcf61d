# Three debiasing methods in one model, on the MotionShapes demo (tiny 3D ResNet-18):
#   - ALBAR (Fioresi et al., ICLR 2025): static clips (StaticClipSampler, middle frame), the
#     adversarial static CE (w_s = 1), the static entropy (w_e = 4.25) and the gradient
#     penalty (w_g = 10 every step, 'released' reduction) -- ALBARObjective, run by
#     DebiasRecognizer3D (the static clips' separate pass);
#   - SDN's human-mask confusion loss (Choi et al., NeurIPS 2019, paper version): the action
#     classifier's entropy on the masked copy of each clip -- MaskConfusionObjective;
#   - SDN's scene adversary: GRL (DANN ramp, GRLScheduleHook) + MLP on the background palette
#     id (one-hot, cross entropy on the class index) -- AspectAdversary in the neck.
# The data pipeline is ../motion_shapes/sdn-full_r3d18_tiny_motion_shapes.py's: the actor
# boxes masked in a second view of every clip (HumanMask mode='pair'), scene labels from
# scene_labels.npz. The head is one DebiasHead with two objectives (listed, not nested): the
# action CE and ALBAR's static pass use the original view, the confusion loss the masked
# view. Logged: loss_cls, loss_static_ce, loss_static_entropy, loss_static_gp,
# loss_mask_entropy, loss_scene. Fine-tunes the pretrained plain model (load_from) with the
# MotionShapes fine-tuning schedule, like the single-method configs it combines.
_base_ = ['../motion_shapes/sdn-full_r3d18_tiny_motion_shapes.py']

model = dict(
    type='DebiasRecognizer3D',  # runs ALBAR's static pass for the head
    data_preprocessor=dict(type='StaticClipSampler', frame_index='middle'),
    neck=dict(
        _delete_=True,
        type='AdversarialAspectNeck',
        in_channels=128,
        adversaries=[
            dict(type='AspectAdversary', name='scene', num_classes=4, hard_labels=True,
                 loss=dict(type='CrossEntropyLoss'), hidden_channels=64, num_hidden_layers=2,
                 grl_lambda=1.0)
        ]),
    cls_head=dict(
        _delete_=True,
        type='DebiasHead',
        head={{_base_.model.cls_head.head}},
        objectives=[
            dict(type='ALBARObjective', loss_static_weight=1.0, loss_entropy_weight=4.25,
                 loss_gp_weight=10.0, gp_mode='released'),
            dict(type='MaskConfusionObjective', mode='paper', loss_weight=1.0),
        ]))
custom_hooks = [
    dict(type='GRLScheduleHook', schedule='sigmoid'),
]
