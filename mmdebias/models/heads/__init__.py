from .albar_head import ALBARHead
from .debias_head import DebiasHead
from .human_mask_confusion_head import HumanMaskConfusionHead

__all__ = ['DebiasHead', 'ALBARHead', 'HumanMaskConfusionHead']
