# SMAD's scene aspect (Duan et al., ECCV 2022 workshops, MAAT); see configs/smad/README.md.
smad_scene_adversary = dict(
    type='AspectAdversary',
    name='scene',
    num_classes=365,
    loss=[dict(type='CrossEntropyLoss', loss_weight=0.5),
          dict(type='KLDivergenceLoss', loss_weight=0.5)],
    hidden_channels=512,
    num_hidden_layers=3,
    grl_lambda=1.0)
