import math
from typing import Dict, Optional, Union

import torch
from mmaction.registry import MODELS

from ...utils.checks import check_choice, check_weight
from ..losses import gp_mode as _gp_mode
from ..losses import negative_entropy, static_gradient_penalty
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
    gradient penalty (``static_gradient_penalty``), all active from the first iteration; no
    detach, no GRL. List this objective first when others also use the static pass, so the
    clips carry gradients for the penalty. Released weights (the defaults): ``w_t = w_s =
    1``, ``w_e = 4.25``, ``w_g = 10`` with the ``'released'`` reduction.

    Every weight is part of the model config: without any hook the penalty is applied at
    every training step with weight ``w_g``. ``GradientPenaltyHook`` is optional and only
    schedules it (``interval=k``: every k-th step with weight ``k * w_g``, through
    :meth:`set_gradient_penalty_scale`). ``loss_gp_weight=0`` switches the penalty off
    (then ``loss_static_gp`` is not logged).

    The static clips go through the recognizer's backbone and neck in a **separate pass**
    (the released design; run by ``DebiasRecognizer3D`` / ``2D``, which the model type must
    be), so BatchNorm statistics of motion clips never mix with
    static ones and the penalty's double backward only runs through the static pass;
    ``static_bn`` chooses what BN layers do in that pass (default: own batch statistics,
    running statistics untouched, see ``static_pass_batchnorm``).

    Args:
        loss_motion_weight (float): w_t. Defaults to 1.0.
        loss_static_weight (float): w_s. Defaults to 1.0.
        loss_entropy_weight (float): w_e. Defaults to 4.25.
        loss_gp_weight (float): w_g, finite and >= 0 (0: no penalty). Defaults to 10.0.
        gp_mode (str): Reduction of the penalty, ``'released'`` (ALBAR's released code) or
            ``'l2'`` (per-sample norm), see ``static_gradient_penalty``. Defaults to
            ``'released'``.
        static_bn (str): BatchNorm in the static pass, one of ``'batch_stats'``,
            ``'batch_stats_update'``, ``'running_stats'``. Defaults to ``'batch_stats'``.
        static_ce_bound (str | float, optional): mmdebias's guard against ALBAR's
            *class-flipping* solution, off by default (the paper's objective). The
            adversarial term :math:`-CE(f(x_s), y)` is unbounded below: a network that
            recognises the class from the static cue can put no probability on it
            (``static_top1_acc`` 0, ``loss_static_ce`` falling without limit), which the
            bounded entropy term cannot outweigh -- the paper names this trivial solution and
            adds the entropy term against it, but on a strongly biased set and at a
            fine-tuning learning rate of 1e-3 it still wins (MotionShapes, AdamW 1e-3:
            ``loss_static_ce`` -44 to -52 after six epochs). With a bound :math:`m` each static
            clip's term becomes :math:`-\min(CE_b, m)`: pushing a static clip's label
            probability below :math:`e^{-m}` earns nothing. ``'chance'``: :math:`m = \ln C`
            (C classes), i.e. a static clip only has to stop *favouring* its label, which is
            the entropy term's uniform optimum; a number: that bound in nats (> 0).
            Defaults to None (no bound).
    """

    needs_static_clips = True

    def __init__(self, loss_motion_weight: float = 1.0, loss_static_weight: float = 1.0,
                 loss_entropy_weight: float = 4.25, loss_gp_weight: float = 10.0,
                 gp_mode: str = 'released', static_bn: str = 'batch_stats',
                 static_ce_bound: Optional[Union[str, float]] = None,
                 init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        check_choice(static_bn, STATIC_BN_MODES, 'ALBARObjective: static_bn')
        try:
            gp_mode = _gp_mode(gp_mode)
        except ValueError as error:
            raise ValueError(f'ALBARObjective: {error}.') from None
        self.loss_motion_weight = check_weight(loss_motion_weight,
                                               'ALBARObjective: loss_motion_weight')
        self.loss_static_weight = check_weight(loss_static_weight,
                                               'ALBARObjective: loss_static_weight')
        self.loss_entropy_weight = check_weight(loss_entropy_weight,
                                                'ALBARObjective: loss_entropy_weight')
        self.loss_gp_weight = check_weight(
            loss_gp_weight, 'ALBARObjective: loss_gp_weight',
            fix='0 switches the gradient penalty off')
        self.gp_mode = gp_mode
        self.static_bn = static_bn
        if static_ce_bound is not None and static_ce_bound != 'chance' and (
                isinstance(static_ce_bound, (bool, str)) or
                not isinstance(static_ce_bound, (int, float)) or
                not 0 < static_ce_bound < float('inf')):
            raise ValueError(f"ALBARObjective: static_ce_bound must be None (the paper's "
                             f"unbounded term), 'chance' (ln of the number of classes) or a "
                             f'finite number of nats > 0, got {static_ce_bound!r}.')
        self.static_ce_bound = static_ce_bound
        self.gp_scale = 1.0

    @property
    def gp_weight(self) -> float:
        """The penalty weight of the next step: ``loss_gp_weight`` times the schedule's
        factor (1 without ``GradientPenaltyHook``)."""
        return self.loss_gp_weight * self.gp_scale

    def set_gradient_penalty_scale(self, scale: float) -> None:
        """Multiply ``loss_gp_weight`` by ``scale`` from the next step on (0: no penalty in
        that step). Called by ``GradientPenaltyHook`` for its schedule."""
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or \
                not 0 <= scale < float('inf'):
            raise ValueError(f'ALBARObjective: gradient penalty scale must be a finite number '
                             f'>= 0 (0 = off for the step), got {scale!r}.')
        self.gp_scale = float(scale)

    def main_loss_weight(self, ctx: DebiasContext) -> float:
        return self.loss_motion_weight

    def loss(self, ctx: DebiasContext) -> Dict[str, torch.Tensor]:
        gp_weight = self.gp_weight
        with_gp = gp_weight > 0
        static = ctx.static_clips(requires_grad=with_gp)
        scores = ctx.static_scores(self.static_bn)
        static_ce = per_sample_cross_entropy(scores, ctx.labels)
        if self.static_ce_bound is not None:
            bound = (math.log(scores.shape[1]) if self.static_ce_bound == 'chance' else
                     float(self.static_ce_bound))
            static_ce = static_ce.clamp(max=bound)
        losses = dict(
            loss_static_ce=-self.loss_static_weight * static_ce.mean(),
            loss_static_entropy=self.loss_entropy_weight * negative_entropy(scores))
        if with_gp:
            losses['loss_static_gp'] = gp_weight * static_gradient_penalty(
                scores, static, mode=self.gp_mode, layout=ctx.layout)
        with torch.no_grad():
            losses['static_top1_acc'] = (scores.argmax(1) == hard_labels(ctx.labels)).float(
            ).mean()
        return losses
