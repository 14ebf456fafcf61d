# SDN's scene adversary (Choi et al., NeurIPS 2019); see configs/sdn/README.md.
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
