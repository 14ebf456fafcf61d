from .batchnorm import STATIC_BN_MODES, static_pass_batchnorm
from .recognizer_binding import RecognizerBound

__all__ = ['RecognizerBound', 'static_pass_batchnorm', 'STATIC_BN_MODES']
