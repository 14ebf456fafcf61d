from typing import Dict

import torch
from mmaction.registry import MODELS

from ...utils.checks import check_weight
from ..losses import gp_mode, negative_entropy, static_gradient_penalty
from ..utils import STATIC_BN_MODES
from .base_objective import BaseObjective, DebiasContext, hard_labels, per_sample_cross_entropy


@MODELS.register_module()
class ALBARObjective(BaseObjective):
    r"""ALBAR's static-clip terms (Fioresi, Dave & Shah, ICLR 2025) as a :class:`DebiasHead`
    objective.

    With static clips :math:`x_s` (``StaticClipSampler``: one frame of the motion clip
    repeated over time, cut after augmentation and normalisation) and
    :math:`p = \mathrm{softmax}(f(x_s))` from a separate pass through the same network:

    .. math::

        L = w_t\,CE(f(x), y) - w_s\,CE(f(x_s), y)
            + w_e\,\frac{1}{B}\sum_b\sum_c p_{bc}\log p_{bc} + w_g\,GP

    The motion CE is :class:`DebiasHead`'s main loss (scaled by ``w_t`` through
    :meth:`main_loss_weight`); this objective adds the adversarial term (static predictions
    pushed away from the label), the negative-entropy term (towards uniform) and the
    gradient penalty (``static_gradient_penalty``, switched on and scheduled by
    ``GradientPenaltyHook``), all active from the first iteration; no detach, no GRL. List
    this objective first when others also use the static pass, so the clips carry gradients
    for the penalty. Released weights: ``w_t = w_s = 1``, ``w_e = 4.25``, penalty weight 10.

    The static clips go through the owning recognizer's ``extract_feat`` in a **separate
    pass** (the released design), so BatchNorm statistics of motion clips never mix with
    static ones and the penalty's double backward only runs through the static pass;
    ``static_bn`` chooses what BN layers do in that pass (default: own batch statistics,
    running statistics untouched, see ``static_pass_batchnorm``).

    Args:
        loss_motion_weight (float): w_t. Defaults to 1.0.
        loss_static_weight (float): w_s. Defaults to 1.0.
        loss_entropy_weight (float): w_e. Defaults to 4.25.
        static_bn (str): BatchNorm in the static pass, one of ``'batch_stats'``,
            ``'batch_stats_update'``, ``'running_stats'``. Defaults to ``'batch_stats'``.
    """

    needs_static_clips = True

    def __init__(self, loss_motion_weight: float = 1.0, loss_static_weight: float = 1.0,
                 loss_entropy_weight: float = 4.25, static_bn: str = 'batch_stats',
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if static_bn not in STATIC_BN_MODES:
            raise ValueError(f'ALBARObjective: static_bn must be one of {STATIC_BN_MODES}, '
                             f'got {static_bn!r}.')
        self.loss_motion_weight = check_weight(loss_motion_weight,
                                               'ALBARObjective: loss_motion_weight')
        self.loss_static_weight = check_weight(loss_static_weight,
                                               'ALBARObjective: loss_static_weight')
        self.loss_entropy_weight = check_weight(loss_entropy_weight,
                                                'ALBARObjective: loss_entropy_weight')
        self.static_bn = static_bn
        self.gp_weight, self.gp_mode = 0.0, 'released'

    def set_gradient_penalty(self, weight: float, mode: str = 'released') -> None:
        """Weight (0 disables) and reduction (``'released'`` or ``'l2'``, see
        ``static_gradient_penalty``) of the static gradient penalty for the next steps (called
        by ``GradientPenaltyHook``)."""
        mode = gp_mode(mode)
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or \
                not 0 <= weight < float('inf'):
            raise ValueError(f'gradient penalty weight must be a finite number >= 0 (0 = off), '
                             f'got {weight!r}.')
        self.gp_weight, self.gp_mode = float(weight), mode

    def main_loss_weight(self, ctx: DebiasContext) -> float:
        return self.loss_motion_weight

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
