from mmaction.models.recognizers import Recognizer2D
from mmaction.registry import MODELS

from .debias_recognizer_mixin import DebiasRecognizerMixin


@MODELS.register_module()
class DebiasRecognizer2D(DebiasRecognizerMixin, Recognizer2D):
    """MMAction2's ``Recognizer2D`` (TSN-style) that runs ALBAR's static clips for its head.

    Same arguments, checkpoint keys and predictions as ``Recognizer2D``; what it adds is in
    :class:`DebiasRecognizerMixin`. Needed when the head has an objective that scores the
    static clips through the network (``ALBARHead``, ``ALBARObjective`` in a
    ``DebiasHead``) or the neck is ``SAARNeck(placement='before_last_stage')``; with any
    other head it trains exactly as ``Recognizer2D``::

        model = dict(type='DebiasRecognizer2D', backbone=..., cls_head=dict(
            type='ALBARHead', head=dict(type='TSNHead', ...)),
            data_preprocessor=dict(type='StaticClipSampler', format_shape='NCHW', ...))
    """
