from typing import Dict, Optional

import torch
import torch.nn.functional as F
from mmengine.model import BaseModule

from ..losses.checks import check_class_labels
from ..utils import paired_views


class DebiasContext:
    """What the objectives of one :class:`DebiasHead` training step share.

    Built once per ``DebiasHead.loss`` call: the main (motion) logits, the labels, and --
    computed on first use and then cached, so that several objectives pay for them once --
    the static clips made by ``StaticClipSampler`` (``static_inputs``), their logits from a
    separate pass through the recognizer's backbone, neck and wrapped head
    (:meth:`static_scores`, through the ``view_pass`` that ``DebiasRecognizer3D`` / ``2D``
    lend the head for the step), and one static frame per clip for small bias models
    (:meth:`static_frames`).

    The static pass gets **no data samples**: necks that compute side losses from sample
    labels (SDN / SMAD adversaries) see the static clips as plain inputs, and no loss is
    computed on them and thrown away.

    With ``HumanMask(mode='pair')`` every sample carries two views (the original clip and
    its human-masked copy, sample-major): ``scores`` holds ``B * 2`` rows, :attr:`scores` is
    the original view (what the main loss and the other objectives see) and
    :meth:`view_scores` gives either view.
    """

    def __init__(self, head, feats, scores: torch.Tensor, data_samples, kwargs: dict,
                 view_pass=None):
        self.head = head
        self.view_pass = view_pass
        self.feats = feats
        self.data_samples = data_samples
        self.kwargs = kwargs
        self.views = paired_views(data_samples)
        if scores.shape[0] != len(data_samples) * self.views:
            raise ValueError(f'DebiasHead: {scores.shape[0]} score rows for '
                             f'{len(data_samples)} data samples x {self.views} view(s) '
                             '(multi-clip training inputs are not supported). The views '
                             "are counted from the data samples' human_mask_paired flag: "
                             "HumanMask(mode='pair') sets it and stacks both views, so "
                             'the flag and the inputs must come from the same pipeline.')
        self.all_scores = scores
        self.scores = self.view_scores(0)
        self.labels = _labels(data_samples, scores)
        self._static = None
        self._static_scores = None
        self._cache = {}

    def view_scores(self, view: int) -> torch.Tensor:
        """Logits ``[B, K]`` of view ``view`` (0: original clip; 1: the masked copy of
        ``HumanMask(mode='pair')``; -1: the last view, i.e. the clips themselves when a
        sample has one view)."""
        if self.views == 1:
            return self.all_scores
        return self.all_scores.view(len(self.data_samples), self.views, -1)[:, view]

    def cached(self, key, compute):
        """``compute()``, evaluated once per step for each ``key`` (shared between
        objectives and hooks of one objective)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def layout(self) -> str:
        """``'NCTHW'`` (3D clips ``[B, V, C, T, H, W]``) or ``'NCHW'`` (TSN ``[B, S, C, H,
        W]``), read from the static clips' rank."""
        return 'NCTHW' if self.static_clips().dim() == 6 else 'NCHW'

    def static_clips(self, requires_grad: bool = False) -> torch.Tensor:
        """The static clips ``[B, ...]`` (same layout as the motion batch; of the original
        view when samples carry two)."""
        if self._static is None:
            missing = [i for i, s in enumerate(self.data_samples) if 'static_inputs' not in s]
            if missing:
                raise KeyError(
                    f'DebiasHead: data samples {missing} have no "static_inputs", which '
                    f'{type(self.head).__name__} objectives need. Static clips are made by '
                    "model.data_preprocessor = dict(type='StaticClipSampler', ...).")
            static = torch.stack([s.static_inputs for s in self.data_samples])
            if self.views > 1:
                # HumanMask(mode='pair'): the static clip of the original view (view 0) only,
                # [B, V, C, T, H, W] -> [B, 1, ...]; TSN [B, V * S, ...] -> [B, S, ...]
                static = static[:, :static.shape[1] // self.views].contiguous()
            self._static = static
        if requires_grad and not self._static.requires_grad:
            if self._static_scores is not None:
                raise RuntimeError('DebiasHead: an objective needs the static clips with '
                                   'gradients after another one ran the static pass without; '
                                   'list the gradient-penalty objective (ALBAR) first.')
            self._static.requires_grad_(True)
        return self._static

    def static_scores(self, static_bn: str = 'batch_stats') -> torch.Tensor:
        """Logits of the static clips through the recognizer (separate pass, float32)."""
        if self._static_scores is None:
            if self.view_pass is None:
                raise RuntimeError(
                    f'{type(self.head).__name__}: an objective scores the static clips through '
                    'the network (ALBAR), which the recognizer runs: set model.type = '
                    "'DebiasRecognizer3D' (for Recognizer3D) or 'DebiasRecognizer2D' (for "
                    'Recognizer2D) -- same arguments and checkpoint keys.')
            static = self.static_clips()
            self._static_scores = self.view_pass(static, self.head.head, static_bn).float()
        return self._static_scores

    def static_frames(self) -> torch.Tensor:
        """One frame per static clip, ``[B * V, C, H, W]`` (V views of 3D clips; for TSN the
        first segment), detached: the input of a small 2D bias model."""
        static = self.static_clips().detach()
        if self.layout == 'NCTHW':  # [B, V, C, T, H, W]
            return static[:, :, :, 0].flatten(0, 1)
        return static[:, 0]  # [B, S, C, H, W]: every segment is the same frame

    def per_view(self, scores: torch.Tensor) -> torch.Tensor:
        """Average ``[B * V, K]`` view logits to ``[B, K]``."""
        batch = self.scores.shape[0]
        return scores.view(batch, -1, scores.shape[-1]).mean(dim=1)


class BaseObjective(BaseModule):
    """One debiasing objective of :class:`DebiasHead`, with one job.

    An objective may do any of these things in a training step (all optional):

    - :meth:`adjust_scores`: change the logits the main classification loss is computed on
      (product of experts adds the bias model's log-probabilities);
    - :meth:`sample_weights`: weigh the main loss per sample (``[B]``, reweighting methods);
    - :meth:`main_loss_mask`: leave samples out of the main loss (``[B]`` bool, False = left
      out; SDN's human-masked clips);
    - :meth:`main_loss_weight`: scale the whole main loss (0 switches it off, e.g. while a
      bias model warms up);
    - :meth:`loss`: return extra loss terms (keys containing ``'loss'`` are summed by
      mmengine; others are logged).

    Objectives never change test-time predictions: those are the wrapped head's.
    """

    needs_static_clips = False

    def adjust_scores(self, ctx: DebiasContext, scores: torch.Tensor) -> torch.Tensor:
        return scores

    def sample_weights(self, ctx: DebiasContext) -> Optional[torch.Tensor]:
        return None

    def main_loss_mask(self, ctx: DebiasContext) -> Optional[torch.Tensor]:
        return None

    def main_loss_weight(self, ctx: DebiasContext) -> float:
        return 1.0

    def loss(self, ctx: DebiasContext) -> Dict[str, torch.Tensor]:
        return {}


def _labels(data_samples, scores: torch.Tensor) -> torch.Tensor:
    labels = torch.stack([s.gt_label for s in data_samples]).to(scores.device)
    if labels.dim() == 2 and labels.shape[1] == 1:
        labels = labels.view(-1)
    check_class_labels(labels, scores.shape[-1], data_samples, 'DebiasHead')
    return labels


def per_sample_cross_entropy(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """CE per sample, ``[B]``, for hard (``[B]``) or soft / one-hot (``[B, K]``) labels."""
    scores = scores.float()
    if labels.dim() == 2:
        return -(labels.float() * F.log_softmax(scores, dim=1)).sum(dim=1)
    return F.cross_entropy(scores, labels.long(), reduction='none')


def hard_labels(labels: torch.Tensor) -> torch.Tensor:
    return labels.argmax(dim=1) if labels.dim() == 2 else labels.long()
