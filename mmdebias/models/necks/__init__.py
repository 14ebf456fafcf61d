from .adversarial_aspect_neck import LABEL_TYPES, PRESETS, AdversarialAspectNeck
from .saar_neck import PLACEMENTS, SAARNeck
from .sequential_neck import SequentialNeck

__all__ = ['AdversarialAspectNeck', 'LABEL_TYPES', 'PRESETS', 'SAARNeck', 'PLACEMENTS',
           'SequentialNeck']
