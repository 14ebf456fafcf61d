from .albar_head import ALBARHead
from .debias_head import DebiasHead
from .human_mask_confusion_head import CONFUSION_MODES, HumanMaskConfusionHead

__all__ = ['ALBARHead', 'DebiasHead', 'HumanMaskConfusionHead', 'CONFUSION_MODES']
