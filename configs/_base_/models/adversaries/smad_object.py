# SMAD's object aspect (Duan et al., ECCV 2022 workshops, MAAT); see configs/smad/README.md.
smad_object_adversary = dict(
    type='MultiLabelAspectAdversary',
    name='object',
    num_classes=1000,
    loss=dict(type='BCELossWithLogits'),
    loss_weight=5.0,
    hidden_channels=512,
    num_hidden_layers=3,
    grl_lambda=1.0)
