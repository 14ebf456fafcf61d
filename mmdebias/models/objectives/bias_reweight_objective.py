from typing import Dict, Optional

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS

from .base_objective import DebiasContext, hard_labels, per_sample_cross_entropy
from .product_of_experts_objective import ProductOfExpertsObjective


@MODELS.register_module()
class BiasReweightObjective(ProductOfExpertsObjective):
    r"""Learning from Failure (Nam et al., NeurIPS 2020) with a static-view bias model.

    LfF trains two models side by side: a *bias* model with the generalized cross entropy
    (Zhang & Sabuncu, 2018), which amplifies its reliance on easy (shortcut) samples,

    .. math:: L_{GCE}(p, y) = \frac{1 - p_y^{\,q}}{q}, \qquad q = 0.7,

    and the main (*debiased*) model with its cross entropy weighted per sample by the
    relative difficulty

    .. math:: W(x) = \frac{CE_b(x)}{CE_b(x) + CE_d(x)},

    where :math:`CE_b` / :math:`CE_d` are per-sample exponential moving averages (momentum
    ``ema``, the paper's 0.7) of the two models' losses, each divided by its class-wise
    maximum. Clips the bias model gets right (shortcut-aligned) weigh little; clips it
    fails on -- the ones whose static cues disagree with the label -- weigh about 1.

    mmdebias's bias model sees only the **static view** (one static frame, a
    :class:`FrameExpert`), so it is bias-only by construction instead of by GCE alone; GCE
    is kept as in the paper. The moving averages are indexed by the dataset index, so the
    training pipeline must pack it: ``PackActionInputs(meta_keys=(..., 'sample_idx'))``;
    ``ema=None`` uses the current batch's losses instead (no index needed). The averages are
    buffers of the objective, saved in checkpoints (exact resume). As in the paper, the
    weighted loss is averaged over the batch (``DebiasHead(weight_norm='mean')``, set in the
    LfF configs); ``'sum'`` (divide by the sum of the weights) is a stronger variant.

    Args:
        expert (dict): Config of the bias model (``num_classes`` is filled in).
        num_classes (int): Number of classes (filled in by :class:`DebiasHead`).
        q (float): GCE exponent, in (0, 1]. Defaults to 0.7.
        ema (float, optional): Momentum of the per-sample averages, in [0, 1). Defaults
            to 0.7.
        loss_expert_weight (float): Weight of the bias model's GCE loss. Defaults to 1.0.
        warmup_iters (int): Steps that train only the bias model. Defaults to 0.
    """

    def __init__(self, expert: dict, num_classes: int, q: float = 0.7,
                 ema: Optional[float] = 0.7, loss_expert_weight: float = 1.0,
                 warmup_iters: int = 0, init_cfg=None) -> None:
        super().__init__(expert, num_classes, loss_expert_weight, warmup_iters, init_cfg)
        if not 0 < q <= 1:
            raise ValueError(f'BiasReweightObjective: q must be in (0, 1], got {q!r}.')
        if ema is not None and not 0 <= ema < 1:
            raise ValueError(f'BiasReweightObjective: ema must be in [0, 1) or None, got '
                             f'{ema!r}.')
        self.q, self.ema = float(q), ema
        self.num_classes = num_classes
        # per-sample moving averages, grown on demand; -1 = not seen yet
        self.register_buffer('ema_bias', torch.zeros(0))
        self.register_buffer('ema_main', torch.zeros(0))
        self.register_buffer('ema_label', torch.zeros(0, dtype=torch.long))

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        for name in ('ema_bias', 'ema_main', 'ema_label'):  # saved sizes may differ
            if prefix + name in state_dict:
                setattr(self, name, torch.empty_like(state_dict[prefix + name]))
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    def adjust_scores(self, ctx: DebiasContext, scores: torch.Tensor) -> torch.Tensor:
        return scores  # LfF reweights, it does not change the logits

    def sample_weights(self, ctx: DebiasContext) -> Optional[torch.Tensor]:
        with torch.no_grad():
            ce_bias = per_sample_cross_entropy(self.expert_scores(ctx), ctx.labels)
            ce_main = per_sample_cross_entropy(ctx.scores, ctx.labels)
            labels = hard_labels(ctx.labels)
            if self.ema is not None and self.training:
                ce_bias, ce_main = self._averaged(ctx, ce_bias, ce_main, labels)
            return ce_bias / (ce_bias + ce_main + 1e-8)

    def _averaged(self, ctx, ce_bias, ce_main, labels):
        index = _sample_index(ctx)
        needed = int(index.max()) + 1
        if needed > self.ema_bias.numel():
            grow = needed - self.ema_bias.numel()
            self.ema_bias = torch.cat([self.ema_bias, ce_bias.new_full((grow, ), -1.0)])
            self.ema_main = torch.cat([self.ema_main, ce_main.new_full((grow, ), -1.0)])
            self.ema_label = torch.cat([self.ema_label, labels.new_full((grow, ), -1)])
        for buf, value in ((self.ema_bias, ce_bias), (self.ema_main, ce_main)):
            old = buf[index]
            buf[index] = torch.where(old < 0, value, self.ema * old + (1 - self.ema) * value)
        self.ema_label[index] = labels
        ce_bias, ce_main = self.ema_bias[index], self.ema_main[index]
        # divide by the class-wise maximum over the samples seen so far
        for c in labels.unique():
            seen = self.ema_label == c
            at = labels == c
            ce_bias[at] = ce_bias[at] / self.ema_bias[seen].max().clamp_min(1e-8)
            ce_main[at] = ce_main[at] / self.ema_main[seen].max().clamp_min(1e-8)
        return ce_bias, ce_main

    def loss(self, ctx: DebiasContext) -> Dict[str, torch.Tensor]:
        if self.training:
            self.steps += 1
        scores = self.expert_scores(ctx)
        probs = F.softmax(scores, dim=1)
        p_label = (probs * _one_hot(ctx.labels, scores.shape[1])).sum(dim=1)
        gce = (1 - p_label.clamp_min(1e-8).pow(self.q)) / self.q
        losses = dict(loss_lff_bias=self.loss_expert_weight * gce.mean())
        with torch.no_grad():
            losses['lff_bias_top1_acc'] = (scores.argmax(1) == hard_labels(ctx.labels)).float(
            ).mean()
        return losses


def _one_hot(labels: torch.Tensor, num_classes: int) -> torch.Tensor:
    if labels.dim() == 2:
        return labels.float()
    return F.one_hot(labels.long(), num_classes).float()


def _sample_index(ctx: DebiasContext) -> torch.Tensor:
    missing = [i for i, s in enumerate(ctx.data_samples) if 'sample_idx' not in s]
    if missing:
        raise KeyError(
            "BiasReweightObjective(ema=...) needs each sample's dataset index: add "
            "'sample_idx' to the training pipeline's PackActionInputs(meta_keys=(...)), or "
            'set ema=None to weigh by the current losses.')
    return torch.tensor([int(s.sample_idx) for s in ctx.data_samples],
                        device=ctx.scores.device)
