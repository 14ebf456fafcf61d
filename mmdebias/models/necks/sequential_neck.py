from typing import Dict, Optional, Sequence, Tuple

import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from mmengine.model import BaseModule



@MODELS.register_module()
class SequentialNeck(BaseModule):
    """Run several necks one after another and merge their auxiliary losses.

    ``x_0 = x``; ``x_i, aux_i = neck_i(x_{i-1}, data_samples)``; returns
    ``(x_n, aux_1 | ... | aux_n)``. E.g. SMAD = ``SAARNeck`` (re-weights the features) then
    ``AdversarialAspectNeck`` (multi-aspect adversarial losses on the re-weighted features):
    ``neck=dict(type='SequentialNeck', necks=[dict(type='SAARNeck', ...),
    dict(type='AdversarialAspectNeck', ...)])``.

    Sub-necks that set themselves up in a ``DebiasRecognizer3D`` / ``2D``
    (``setup_in_recognizer``) are set up as if they were ``model.neck``. The first neck
    receives what mmaction passes (for ``Recognizer2D`` a list of per-stage maps); later necks
    receive the previous output. State-dict keys: ``neck.necks.<i>.``.

    Args:
        necks (list[dict]): Neck configs, in order; at least one.
        init_cfg (dict, optional): Init config.
    """

    def __init__(self, necks: Sequence[dict], init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if isinstance(necks, dict) or not necks:
            raise ValueError('SequentialNeck: necks must be a non-empty list of neck configs, '
                             "e.g. [dict(type='SAARNeck', in_channels=2048), ...].")
        self.necks = nn.ModuleList([MODELS.build(cfg) for cfg in necks])

    def forward(self, x, data_samples: Optional[SampleList] = None
                ) -> Tuple[object, Dict[str, torch.Tensor]]:
        losses: Dict[str, torch.Tensor] = {}
        for i, neck in enumerate(self.necks):
            x, aux = neck(x, data_samples=data_samples)
            clash = set(aux) & set(losses)
            if clash:
                raise ValueError(f'SequentialNeck: necks[{i}] ({type(neck).__name__}) returns '
                                 f'keys {sorted(clash)} that an earlier neck already returned; '
                                 'rename the aspects so log keys are unique.')
            losses.update(aux)
        return x, losses
