# SDN's human-mask confusion loss (Choi et al., NeurIPS 2019, paper version) as a head around the action head; a leaf takes it with _base_.pop('sdn_mask_confusion_head') and adds head=.
sdn_mask_confusion_head = dict(type='HumanMaskConfusionHead', loss_weight=1.0, mode='paper')
