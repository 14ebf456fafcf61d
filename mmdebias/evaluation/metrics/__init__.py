from .fairness_metric import NMIFairnessMetric
from .static_bias_metric import StaticBiasMetric

__all__ = ['NMIFairnessMetric', 'StaticBiasMetric']
