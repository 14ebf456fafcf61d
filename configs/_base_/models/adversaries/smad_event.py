# SMAD's event aspect (Duan et al., ECCV 2022 workshops, MAAT); see configs/smad/README.md.
smad_event_adversary = dict(
    type='AspectAdversary',
    name='event',
    num_classes=100,
    loss=dict(type='CrossEntropyLoss'),
    hard_labels=True,
    hidden_channels=512,
    num_hidden_layers=3,
    grl_lambda=1.0)
