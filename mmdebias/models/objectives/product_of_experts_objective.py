from typing import Dict

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS

from ...utils.checks import check_weight
from .base_objective import BaseObjective, DebiasContext, hard_labels, per_sample_cross_entropy


@MODELS.register_module()
class ProductOfExpertsObjective(BaseObjective):
    r"""Product of experts with a static-view bias expert (Clark, Yatskar & Zettlemoyer,
    EMNLP 2019; He, Zha & Wang, 2019), the static clip as the bias-only input.

    A small 2D network :math:`b` (``expert``, e.g. :class:`FrameExpert`) classifies one
    static frame :math:`x_s` of each clip -- it can only learn what a single frame tells,
    the static shortcut. The main model is trained through the product of the two experts,
    the bias expert's log-probabilities detached:

    .. math::

        L_{main} = CE\big(\log\mathrm{softmax}(f(x)) + \log\mathrm{softmax}(b(x_s))
                   ^{\,\mathrm{sg}},\ y\big), \qquad
        L_o = w_b\,CE(b(x_s), y)

    On clips where the static frame already gives the label, the product is right whatever
    :math:`f` says, so :math:`f` gets little gradient; on clips whose static cues point
    elsewhere, :math:`f` must out-vote the bias expert -- with motion. At test time only
    :math:`f` predicts. The expert is trained jointly on its own loss ``loss_poe_expert``;
    during the first ``warmup_iters`` training steps the main loss is switched off (weight
    0, every parameter still in the graph) so the bias expert is strong before the main model
    can settle on the shortcut.

    Args:
        expert (dict): Config of the bias model (``num_classes`` is filled in).
        num_classes (int): Number of classes (filled in by :class:`DebiasHead`).
        loss_expert_weight (float): :math:`w_b`. Defaults to 1.0.
        warmup_iters (int): Steps that train only the bias expert. Defaults to 0.
    """

    needs_static_clips = True

    def __init__(self, expert: dict, num_classes: int, loss_expert_weight: float = 1.0,
                 warmup_iters: int = 0, init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not isinstance(expert, dict) or 'type' not in expert:
            raise TypeError(f'{type(self).__name__}: expert must be a config dict, e.g. '
                            f"dict(type='FrameExpert'), got {expert!r}.")
        if not isinstance(warmup_iters, int) or warmup_iters < 0:
            raise ValueError(f'{type(self).__name__}: warmup_iters must be an int >= 0, got '
                             f'{warmup_iters!r}.')
        loss_expert_weight = check_weight(
            loss_expert_weight, f'{type(self).__name__}: loss_expert_weight', positive=True)
        self.expert = MODELS.build(dict(expert, num_classes=num_classes))
        self.loss_expert_weight = float(loss_expert_weight)
        self.warmup_iters = warmup_iters
        self.register_buffer('steps', torch.zeros((), dtype=torch.long))

    def expert_scores(self, ctx: DebiasContext) -> torch.Tensor:
        key = f'_expert_scores_{id(self)}'
        if not hasattr(ctx, key):
            setattr(ctx, key, ctx.per_view(self.expert(ctx.static_frames())))
        return getattr(ctx, key)

    @property
    def warming_up(self) -> bool:
        return int(self.steps) < self.warmup_iters

    def adjust_scores(self, ctx: DebiasContext, scores: torch.Tensor) -> torch.Tensor:
        bias = F.log_softmax(self.expert_scores(ctx), dim=1).detach()
        return F.log_softmax(scores, dim=1) + bias

    def main_loss_weight(self, ctx: DebiasContext) -> float:
        return 0.0 if self.warming_up else 1.0

    def loss(self, ctx: DebiasContext) -> Dict[str, torch.Tensor]:
        if self.training:
            self.steps += 1
        scores = self.expert_scores(ctx)
        losses = dict(loss_poe_expert=self.loss_expert_weight *
                      per_sample_cross_entropy(scores, ctx.labels).mean())
        with torch.no_grad():
            losses['poe_expert_top1_acc'] = (scores.argmax(1) == hard_labels(ctx.labels)).float(
            ).mean()
        return losses
