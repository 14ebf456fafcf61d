# SMAD's object aspect (Duan et al., ECCV 2022 workshops, MAAT): multi-hot tags (e.g. the
# 1000 ImageNet classes detected above a threshold in the video, or HVU tags), binary cross
# entropy with weight 5 (LoadAspectLabels(label_format='multi_hot')); logs object_acc and a
# batch estimate of object_mAP.
smad_object_adversary = dict(
    type='MultiLabelAspectAdversary',
    name='object',
    num_classes=1000,
    loss=dict(type='BCELossWithLogits'),
    loss_weight=5.0,
    hidden_channels=512,
    num_hidden_layers=3,
    grl_lambda=1.0)
