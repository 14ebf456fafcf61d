# SDN's scene adversary (Choi et al., "Why Can't I Dance in the Mall? Learning to Mitigate
# Scene Bias in Action Recognition", NeurIPS 2019): gradient reversal, then an MLP (3 hidden
# layers with BatchNorm and ReLU, the released runs) to the 365 Places365 scenes,
# trained with the soft cross entropy against the video's mean Places365 softmax
# (LoadAspectLabels(label_format='probs'), written by tools/data/extract_pseudo_labels.py).
# GRL strength 1.0 for the scene-only stage; the full model (with the human-mask confusion
# loss) uses 0.5, the paper's cross-validated lambda. Use in a config:
#   _base_ = [..., '../_base_/models/adversaries/sdn_scene.py']
#   model = dict(neck=dict(type='AdversarialAspectNeck', in_channels=2048,
#                          adversaries=[{{_base_.sdn_scene_adversary}}]))
sdn_scene_adversary = dict(
    type='AspectAdversary',
    name='scene',
    num_classes=365,
    loss=dict(type='CrossEntropyLoss'),  # soft labels: -sum_k p_k log q_k
    # hidden width = the backbone's feature width, as the released code (512 * block.expansion
    # in vt-vl-lab/SDN models/resnet.py): 512 on the paper's 3D-ResNet-18 (the paper's "512
    # units"), 2048 on the R50 configs; set 512 for the paper's number on any backbone
    hidden_channels=None,
    num_hidden_layers=3,
    grl_lambda=1.0)
sdn_full_scene_adversary = dict(sdn_scene_adversary, grl_lambda=0.5)
