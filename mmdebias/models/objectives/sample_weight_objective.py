from typing import Optional

import torch
from mmaction.registry import MODELS

from .base_objective import BaseObjective, DebiasContext


@MODELS.register_module()
class SampleWeightObjective(BaseObjective):
    r"""Weigh the main loss by a per-clip weight fixed before training.

    The weight comes with each sample (``sample_weight``, set by ``LoadSampleWeight`` and
    packed with ``PackActionInputs(algorithm_keys=('sample_weight', ))``):

    .. math:: L_{main} = \frac{\sum_b w_b\,CE(f(x_b), y_b)}{\sum_b w_b}

    - **JTT** (Liu et al., ICML 2021, "Just Train Twice"): train an ERM (or static bias)
      model first, then retrain with :math:`w = \lambda_{up}` (e.g. 20-100) on the clips it
      got wrong and 1 elsewhere (``tools/data/make_sample_weights.py --predictions``).
    - **Oracle group weights**: with the benchmark's knowledge of which clips conflict with
      the static cues (``--annotations`` of MotionShapes), up-weight exactly those -- the
      ceiling a reweighting method that has to *find* them can reach.
    """

    def sample_weights(self, ctx: DebiasContext) -> Optional[torch.Tensor]:
        missing = [i for i, s in enumerate(ctx.data_samples) if 'sample_weight' not in s]
        if missing:
            raise KeyError(
                f'SampleWeightObjective: data samples {missing} have no "sample_weight"; add '
                "dict(type='LoadSampleWeight', weight_file=...) to the training pipeline and "
                "'sample_weight' to PackActionInputs(algorithm_keys=...).")
        return torch.tensor([float(s.sample_weight) for s in ctx.data_samples],
                            device=ctx.scores.device)
