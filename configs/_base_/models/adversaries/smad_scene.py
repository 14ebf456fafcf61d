# SMAD's scene aspect (Duan et al., "Mitigating Representation Bias in Action Recognition:
# Algorithms and Benchmarks", ECCV 2022 workshops; multi-aspect adversarial training, MAAT):
# gradient reversal + MLP (3 x 512) to the 365 Places365 scenes, 0.5 soft cross entropy +
# 0.5 KL divergence against the video's Places365 probabilities
# (LoadAspectLabels(label_format='probs')). MAAT divides every aspect weight by the number of
# aspects: AdversarialAspectNeck(normalize_by_num_aspects=True).
smad_scene_adversary = dict(
    type='AspectAdversary',
    name='scene',
    num_classes=365,
    loss=[dict(type='CrossEntropyLoss', loss_weight=0.5),
          dict(type='KLDivergenceLoss', loss_weight=0.5)],
    hidden_channels=512,
    num_hidden_layers=3,
    grl_lambda=1.0)
