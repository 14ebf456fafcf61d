import warnings
from typing import Dict, Optional

import numpy as np
import torch
from mmaction.registry import MODELS

from ...utils.checks import check_choice, check_weight
from ...utils.deprecation import renamed_argument
from ..losses import negative_entropy
from ..utils import build_adversary_mlp, pooled_features
from .base_objective import BaseObjective, DebiasContext

CONFUSION_MODES = ('paper', 'released')


@MODELS.register_module()
class MaskConfusionObjective(BaseObjective):
    r"""SDN's human-mask confusion loss as a :class:`DebiasHead` objective.

    SDN (Choi et al., "Why Can't I Dance in the Mall? Learning to Mitigate Scene Bias in
    Action Recognition", NeurIPS 2019, eq. 4 and 6) wants a model that cannot name the action
    once the actors are masked out. Clips whose data sample has ``mask_flag`` set (default
    ``human_masked``, written by ``HumanMask`` and packed with
    ``PackActionInputs(algorithm_keys=('human_masked', ...))``) are **left out of the action
    cross entropy** (:meth:`main_loss_mask`) and instead give ``loss_mask_entropy``:

    - ``mode='paper'`` (default): the negative entropy of the ACTION classifier,

      .. math:: L_{Ent} = w\,\frac{1}{|M|}\sum_{i\in M}\sum_k p_{ik}\log p_{ik},\quad
                p_i = \mathrm{softmax}(f_{\theta_A}(G_{\theta_f}(x^{hm}_i)))

      minimised, i.e. backbone and action classifier both maximise the entropy;
    - ``mode='released'``: the authors' released code instead puts a separate classifier
      ``GRL -> (Linear-BN-ReLU) x num_hidden_layers -> Linear(num_classes)``
      (:func:`build_adversary_mlp`) on the pooled features of the masked clips; that
      classifier maximises its entropy while the backbone, through the gradient reversal,
      minimises it. Its parameters are saved under ``cls_head.objectives.<i>.confusion.``.

    Masked and unmasked clips of a batch go through one forward pass (joint optimisation;
    the paper alternates an unmasked and a masked step per iteration). With
    ``HumanMask(mode='pair')`` every sample carries its original clip (view 0: action cross
    entropy, nothing left out) and its masked copy (view 1: confusion loss where
    ``human_masked``), so SDN's ``mask_ratio=1.0`` keeps the action loss on every video. A
    batch without masked clips gives a zero ``loss_mask_entropy`` that still depends on the
    parameters, so DDP sees no unused parameters; a batch where no sample has the
    ``mask_flag`` field at all (HumanMask missing from the pipeline, the flag not packed, or a
    misspelt ``mask_flag``) gives the same zero and a warning, once.

    Args:
        num_classes (int): Action classes (filled in by :class:`DebiasHead`).
        loss_weight (float): w, finite and >= 0. Defaults to 1.0.
        mode (str): ``'paper'`` or ``'released'``. Defaults to ``'paper'``.
        mask_flag (str): Data-sample field marking masked clips. Defaults to
            ``'human_masked'``.
        in_channels (int, optional): Feature channels for ``mode='released'`` (filled in
            from the wrapped head's ``in_channels``).
        hidden_channels (int, optional): Width of the released-mode classifier; None: the
            feature width, as the released ``hm_mlp`` (``512 * block.expansion``). Defaults
            to 512.
        num_hidden_layers (int): Hidden layers of the released-mode classifier. Defaults to 1.
        grl_lambda (float): GRL strength :math:`\lambda` of the released-mode classifier.
            Defaults to 1.0.
        alpha (float, optional): Deprecated name of ``grl_lambda`` (a ``FutureWarning``;
            removed after 2027-06-30).

    Released weights: ``load_released_sdn_mlp(objective.confusion, state_dict,
    mlp='hm_mlp')`` loads the authors' ``hm_mlp`` (see :func:`released_sdn_mlp_keys`).
    """

    def __init__(self, num_classes: int, loss_weight: float = 1.0, mode: str = 'paper',
                 mask_flag: str = 'human_masked', in_channels: Optional[int] = None,
                 hidden_channels: Optional[int] = 512, num_hidden_layers: int = 1,
                 grl_lambda: float = 1.0,
                 init_cfg=None, alpha: Optional[float] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        grl_lambda = renamed_argument('MaskConfusionObjective', 'alpha', 'grl_lambda', alpha,
                                      grl_lambda, 1.0)
        check_choice(mode, CONFUSION_MODES, 'MaskConfusionObjective: mode')
        self.loss_weight = check_weight(loss_weight, 'MaskConfusionObjective: loss_weight')
        self.mode = mode
        self.mask_flag = mask_flag
        self._warned_missing = False
        if mode == 'released':
            if not in_channels:
                raise ValueError("MaskConfusionObjective(mode='released') needs in_channels "
                                 '(the wrapped head has none to fill in).')
            self.confusion = build_adversary_mlp(in_channels, num_classes, hidden_channels,
                                                 num_hidden_layers, grl_lambda)

    def masked(self, ctx: DebiasContext) -> torch.Tensor:
        """``[B]`` bool: which samples are human-masked (their masked view, if paired)."""
        return ctx.cached(('masked', self.mask_flag), lambda: self._flags(ctx))

    def _flags(self, ctx: DebiasContext) -> torch.Tensor:
        if ctx.data_samples and not any(self.mask_flag in s for s in ctx.data_samples) and \
                not self._warned_missing:
            self._warned_missing = True
            warnings.warn(
                f'MaskConfusionObjective: no data sample of the batch has the field '
                f'{self.mask_flag!r}, so no clip counts as human-masked and '
                'loss_mask_entropy is 0. Add HumanMask to the train pipeline and '
                f"{self.mask_flag!r} to PackActionInputs(algorithm_keys=...), or fix "
                'mask_flag (warned once).')
        flags = []
        for i, sample in enumerate(ctx.data_samples):
            value = sample.get(self.mask_flag, False)
            value = value.detach().cpu().numpy() if isinstance(value, torch.Tensor) else value
            arr = np.asarray(False if value is None else value)
            if arr.size != 1 or arr.dtype.kind not in 'biu':
                raise ValueError(f'MaskConfusionObjective: data sample {i} has '
                                 f'{self.mask_flag}={value!r}; expected a bool.')
            flags.append(bool(arr.reshape(())))
        return torch.tensor(flags, dtype=torch.bool, device=ctx.scores.device)

    def main_loss_mask(self, ctx: DebiasContext) -> Optional[torch.Tensor]:
        # a single view: the masked clip replaces the original, so it leaves the action CE
        return None if ctx.views > 1 else ~self.masked(ctx)

    def loss(self, ctx: DebiasContext) -> Dict[str, torch.Tensor]:
        masked = self.masked(ctx)
        if self.mode == 'paper':
            aux = ctx.view_scores(-1)
        else:
            n = len(ctx.data_samples)
            pooled = pooled_features(ctx.feats, n * ctx.views)
            if ctx.views > 1:
                pooled = pooled.view(n, ctx.views, -1)[:, -1]
            aux = self.confusion(pooled).float()
        if masked.any():
            loss = self.loss_weight * negative_entropy(aux[masked])
        else:
            loss = aux.sum() * 0.0
        return dict(loss_mask_entropy=loss)
