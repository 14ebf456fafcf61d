from .albar_objective import ALBARObjective
from .bias_reweight_objective import BiasReweightObjective
from .base_objective import BaseObjective, DebiasContext, per_sample_cross_entropy
from .frame_expert import FrameExpert
from .mask_confusion_objective import CONFUSION_MODES, MaskConfusionObjective
from .product_of_experts_objective import ProductOfExpertsObjective
from .sample_weight_objective import SampleWeightObjective

__all__ = [
    'BaseObjective', 'DebiasContext', 'per_sample_cross_entropy', 'ALBARObjective',
    'FrameExpert', 'ProductOfExpertsObjective', 'BiasReweightObjective',
    'SampleWeightObjective', 'MaskConfusionObjective', 'CONFUSION_MODES'
]
