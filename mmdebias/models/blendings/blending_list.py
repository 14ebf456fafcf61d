from typing import Optional, Sequence, Tuple, Union

import torch
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from .base import check_probability


@MODELS.register_module()
class BlendingList:
    """Apply several batch blendings one after another, each with its own probability.

    ``data_preprocessor.blending`` takes one blending; this one composes many::

        blending=dict(type='BlendingList', blendings=[
            dict(type='StillMixBlending', prob=0.75, alpha=(200, 200)),
            dict(type='VideoMixBlending', num_classes=51, prob=0.5),
        ])

    For each batch, blending k runs with probability ``probs[k]`` (one draw per batch,
    default 1.0) on the output of blending k-1; within a blending, the mmdebias blendings
    draw per clip with their own ``prob``. Any MMAction2 blending fits
    (``MixupBlending``, ``CutmixBlending``), so ``probs`` is how those get a probability.
    No blending reorders the batch, so output i stays clip i's (labels, ALBAR's static
    clips and other per-sample fields stay aligned); label-mixing blendings (VideoMix, Mixup,
    CutMix) leave soft ``[K]`` labels that later blendings keep or mix further.

    Args:
        blendings (list[dict | callable]): Blending configs (built from the MODELS
            registry) or blending objects, applied in order; at least one.
        probs (float | list[float], optional): Per-batch probability of each blending.
            Defaults to None (always).
    """

    def __init__(self, blendings: Sequence[Union[dict, object]],
                 probs: Optional[Union[float, Sequence[float]]] = None) -> None:
        if isinstance(blendings, dict) or not blendings:
            raise ValueError('BlendingList: blendings must be a non-empty list of blending '
                             "configs, e.g. [dict(type='StillMixBlending', prob=0.5)].")
        self.blendings = [MODELS.build(b) if isinstance(b, dict) else b for b in blendings]
        for i, blending in enumerate(self.blendings):
            if not callable(blending):
                raise TypeError(f'BlendingList: blendings[{i}] ({type(blending).__name__}) is '
                                'not callable as blending(imgs, data_samples).')
        if probs is None:
            probs = [1.0] * len(self.blendings)
        elif not isinstance(probs, (list, tuple)):
            probs = [probs] * len(self.blendings)
        if len(probs) != len(self.blendings):
            raise ValueError(f'BlendingList: {len(self.blendings)} blendings but {len(probs)} '
                             'probs.')
        self.probs = [check_probability(p, f'BlendingList: probs[{i}]')
                      for i, p in enumerate(probs)]

    def __call__(self, imgs: torch.Tensor, data_samples: SampleList,
                 **kwargs) -> Tuple[torch.Tensor, SampleList]:
        for blending, prob in zip(self.blendings, self.probs):
            if prob >= 1.0 or bool(torch.rand(()) < prob):
                imgs, data_samples = blending(imgs, data_samples, **kwargs)
        return imgs, data_samples

    def __repr__(self) -> str:
        inner = ', '.join(f'{b!r} @ {p}' for b, p in zip(self.blendings, self.probs))
        return f'BlendingList([{inner}])'
