from typing import Dict

import torch
from mmaction.registry import MODELS

from ..losses import GP_MODES, negative_entropy, static_gradient_penalty
from ..utils import STATIC_BN_MODES
from .base_objective import BaseObjective, DebiasContext, hard_labels, per_sample_cross_entropy


@MODELS.register_module()
class ALBARObjective(BaseObjective):
    """ALBAR's static-clip terms (Fioresi, Dave & Shah, ICLR 2025) as a :class:`DebiasHead`
    objective.

    With static clips :math:`x_s` (``StaticClipSampler``) and
    :math:`p = \\mathrm{softmax}(f(x_s))` from a separate pass through the same network:

    .. math::

        L_o = -w_s\\,CE(f(x_s), y) + w_e\\,\\frac{1}{B}\\sum_b\\sum_c p_{bc}\\log p_{bc}
              + w_g\\,GP

    (the motion CE is :class:`DebiasHead`'s main loss). The gradient penalty is switched on
    and scheduled by ``GradientPenaltyHook``; list this objective first when others also use
    the static pass, so the clips carry gradients for the penalty. Same terms and defaults as
    :class:`ALBARHead` (``w_s = 1``, ``w_e = 4.25``, penalty weight 10 through the hook).

    Args:
        loss_static_weight (float): w_s. Defaults to 1.0.
        loss_entropy_weight (float): w_e. Defaults to 4.25.
        static_bn (str): BatchNorm in the static pass (see ``static_pass_batchnorm``).
            Defaults to ``'batch_stats'``.
    """

    needs_static_clips = True

    def __init__(self, loss_static_weight: float = 1.0, loss_entropy_weight: float = 4.25,
                 static_bn: str = 'batch_stats', init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if static_bn not in STATIC_BN_MODES:
            raise ValueError(f'ALBARObjective: static_bn must be one of {STATIC_BN_MODES}, '
                             f'got {static_bn!r}.')
        self.loss_static_weight = float(loss_static_weight)
        self.loss_entropy_weight = float(loss_entropy_weight)
        self.static_bn = static_bn
        self.gp_weight, self.gp_mode = 0.0, 'faithful'

    def set_gradient_penalty(self, weight: float, mode: str = 'faithful') -> None:
        if mode not in GP_MODES:
            raise ValueError(f'gradient penalty mode must be one of {GP_MODES}, got {mode!r}')
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or \
                not 0 <= weight < float('inf'):
            raise ValueError(f'gradient penalty weight must be a finite number >= 0 (0 = off), '
                             f'got {weight!r}.')
        self.gp_weight, self.gp_mode = float(weight), mode

    def loss(self, ctx: DebiasContext) -> Dict[str, torch.Tensor]:
        with_gp = self.gp_weight > 0
        static = ctx.static_clips(requires_grad=with_gp)
        scores = ctx.static_scores(self.static_bn)
        losses = dict(
            loss_static_ce=-self.loss_static_weight *
            per_sample_cross_entropy(scores, ctx.labels).mean(),
            loss_static_entropy=self.loss_entropy_weight * negative_entropy(scores))
        if with_gp:
            losses['loss_static_gp'] = self.gp_weight * static_gradient_penalty(
                scores, static, mode=self.gp_mode, layout=ctx.layout)
        with torch.no_grad():
            losses['static_top1_acc'] = (scores.argmax(1) == hard_labels(ctx.labels)).float(
            ).mean()
        return losses
