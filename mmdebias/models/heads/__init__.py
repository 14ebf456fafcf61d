from .albar_head import ALBARHead
from .human_mask_confusion_head import CONFUSION_MODES, HumanMaskConfusionHead

__all__ = ['ALBARHead', 'HumanMaskConfusionHead', 'CONFUSION_MODES']
