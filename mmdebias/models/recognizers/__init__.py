from .debias_recognizer2d import DebiasRecognizer2D
from .debias_recognizer3d import DebiasRecognizer3D
from .debias_recognizer_mixin import DebiasRecognizerMixin

__all__ = ['DebiasRecognizer2D', 'DebiasRecognizer3D', 'DebiasRecognizerMixin']
