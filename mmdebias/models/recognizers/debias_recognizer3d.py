from mmaction.models.recognizers import Recognizer3D
from mmaction.registry import MODELS

from .debias_recognizer_mixin import DebiasRecognizerMixin


@MODELS.register_module()
class DebiasRecognizer3D(DebiasRecognizerMixin, Recognizer3D):
    """MMAction2's ``Recognizer3D`` that runs ALBAR's static clips for its head.

    Same arguments, checkpoint keys and predictions as ``Recognizer3D``; what it adds is in
    :class:`DebiasRecognizerMixin`. Needed when the head has an objective that scores the
    static clips through the network (``ALBARHead``, ``ALBARObjective`` in a
    ``DebiasHead``) or the neck is ``SAARNeck(placement='before_last_stage')``; with any
    other head it trains exactly as ``Recognizer3D``::

        model = dict(type='DebiasRecognizer3D', backbone=..., cls_head=dict(
            type='ALBARHead', head=dict(type='I3DHead', ...)),
            data_preprocessor=dict(type='StaticClipSampler', ...))
    """
