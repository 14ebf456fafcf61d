from typing import Dict, Optional, Tuple, Union

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.utils import ConfigType, SampleList
from mmengine.model import BaseModule

from ..losses import GP_MODES, negative_entropy, static_gradient_penalty
from ..losses.checks import check_finite
from ..utils import (STATIC_BN_MODES, RecognizerBound, static_pass_batchnorm,
                     use_stock_head_keys)


@MODELS.register_module()
class ALBARHead(RecognizerBound, BaseModule):
    """ALBAR classification head: wraps any MMAction2 head and adds the static-clip losses.

    ALBAR (Fioresi, Dave & Shah, ICLR 2025) trains with, per batch of motion clips x, their
    static clips x_s (built by :class:`StaticClipSampler`), labels y and p = softmax(f(x_s)):

    .. math::

        L = w_t\\,CE(f(x), y) - w_s\\,CE(f(x_s), y)
            + w_e\\,\\frac{1}{B}\\sum_b\\sum_c p_{bc}\\log p_{bc} + w_g\\,GP

    The first term is the wrapped head's own loss (``loss_cls``, scaled by ``w_t``); the
    adversarial term pushes static predictions away from the label, the negative-entropy term
    towards uniform, and the gradient penalty (:func:`static_gradient_penalty`, switched on
    and scheduled by :class:`GradientPenaltyHook`) regularises the input gradient of the static
    logits. All terms are active from the first iteration; no detach, no GRL.

    The static clips go through the owning recognizer's ``extract_feat`` in a **separate
    pass** (the released design), so BatchNorm statistics of motion clips never mix with
    static ones and the penalty's double backward only runs through the static pass;
    ``static_bn`` chooses what BN layers do in that pass (default: own batch statistics,
    running statistics untouched, see :func:`static_pass_batchnorm`).

    At test time the predictions are the wrapped head's, unchanged. ``state_dict`` keys are
    the wrapped head's stock keys (``cls_head.fc_cls.weight``), so checkpoints load into a
    plain recognizer; both stock and ``head.``-prefixed keys load into this class.

    Args:
        head (dict): Config of the wrapped head (``I3DHead``, ``TSNHead``, ...).
        loss_motion_weight (float): w_t. Defaults to 1.0.
        loss_static_weight (float): w_s. Defaults to 1.0.
        loss_entropy_weight (float): w_e. Defaults to 4.25.
        static_bn (str): One of ``'batch_stats'``, ``'batch_stats_update'``,
            ``'running_stats'``. Defaults to ``'batch_stats'``.
        init_cfg (dict, optional): Init config. The wrapped head keeps its own.
    """

    uses_static_clips = True

    def __init__(self,
                 head: ConfigType,
                 loss_motion_weight: float = 1.0,
                 loss_static_weight: float = 1.0,
                 loss_entropy_weight: float = 4.25,
                 static_bn: str = 'batch_stats',
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not isinstance(head, dict) or 'type' not in head:
            raise TypeError('ALBARHead(head=...) needs the config dict of the head to wrap, '
                            "e.g. head=dict(type='I3DHead', num_classes=400, in_channels=2048).")
        if static_bn not in STATIC_BN_MODES:
            raise ValueError(f'ALBARHead: static_bn must be one of {STATIC_BN_MODES}, '
                             f'got {static_bn!r}.')
        self.head = MODELS.build(head)
        self.loss_motion_weight = loss_motion_weight
        self.loss_static_weight = loss_static_weight
        self.loss_entropy_weight = loss_entropy_weight
        self.static_bn = static_bn
        # Set per iteration by GradientPenaltyHook (0 = no penalty this iteration).
        self.gp_weight = 0.0
        self.gp_mode = 'faithful'
        use_stock_head_keys(self)

    @property
    def num_classes(self) -> int:
        return self.head.num_classes

    def _check_recognizer(self, parent) -> None:
        preprocessor = getattr(parent, 'data_preprocessor', None)
        if not getattr(preprocessor, 'makes_static_clips', False):
            raise RuntimeError(
                'ALBARHead needs static clips, but model.data_preprocessor is '
                f"{type(preprocessor).__name__}. Set model.data_preprocessor.type = "
                "'StaticClipSampler' (it takes the same arguments as ActionDataPreprocessor).")

    def set_gradient_penalty(self, weight: float, mode: str = 'faithful') -> None:
        """Weight (0 disables) and reduction of the static gradient penalty for the next steps."""
        if mode not in GP_MODES:
            raise ValueError(f'gradient penalty mode must be one of {GP_MODES}, got {mode!r}')
        _check_gp_weight(weight)
        self.gp_weight = float(weight)
        self.gp_mode = mode

    def forward(self, x, **kwargs) -> torch.Tensor:
        return self.head(x, **kwargs)

    def predict(self, feats, data_samples: SampleList, **kwargs) -> SampleList:
        return self.head.predict(feats, data_samples, **kwargs)

    def loss(self, feats: Union[torch.Tensor, Tuple[torch.Tensor]],
             data_samples: SampleList, **kwargs) -> Dict:
        # logits in float32 for the losses (under bf16 autocast mmaction's top-k accuracy
        # cannot convert the scores to numpy)
        scores = self.head(feats, **kwargs).float()
        check_finite(scores, 'ALBARHead: motion-clip logits', 'sample')
        losses = self.head.loss_by_feat(scores, data_samples)
        if self.loss_motion_weight != 1.0:
            losses = {k: v * self.loss_motion_weight if 'loss' in k else v
                      for k, v in losses.items()}

        static = self._stack_static_clips(data_samples)
        with_gp = self.gp_weight > 0
        if with_gp:
            static.requires_grad_(True)
        static_scores = self._static_forward(static, data_samples)

        labels = torch.stack([s.gt_label for s in data_samples]).to(static_scores.device)
        losses['loss_static_ce'] = -self.loss_static_weight * _cross_entropy(
            static_scores, labels)
        losses['loss_static_entropy'] = self.loss_entropy_weight * negative_entropy(
            static_scores)
        if with_gp:
            layout = self.recognizer.data_preprocessor.format_shape
            losses['loss_static_gp'] = self.gp_weight * static_gradient_penalty(
                static_scores, static, mode=self.gp_mode, layout=layout)
        with torch.no_grad():
            losses['static_top1_acc'] = _top1(static_scores, labels)
        return losses

    def _stack_static_clips(self, data_samples: SampleList) -> torch.Tensor:
        missing = [i for i, s in enumerate(data_samples) if 'static_inputs' not in s]
        if missing:
            raise KeyError(
                f'ALBARHead: data samples {missing} have no "static_inputs". Static clips are '
                "made by model.data_preprocessor = dict(type='StaticClipSampler', ...).")
        return torch.stack([s.static_inputs for s in data_samples])

    def _static_forward(self, static: torch.Tensor, data_samples: SampleList) -> torch.Tensor:
        """Static clips through backbone, neck and the wrapped head, in their own pass."""
        recognizer = self.recognizer
        with static_pass_batchnorm(recognizer, self.static_bn):
            feats, kwargs = recognizer.extract_feat(static, data_samples=data_samples)
            return self.head(feats, **kwargs)


def _check_gp_weight(weight) -> None:
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or \
            not weight >= 0 or weight == float('inf'):
        raise ValueError(f'gradient penalty weight must be a finite number >= 0 (0 = off), '
                         f'got {weight!r}.')


def _cross_entropy(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Mean CE against hard labels ([B] or [B, 1]) or soft/one-hot labels ([B, K])."""
    scores = scores.float()
    if labels.dim() == 2 and labels.shape[1] == scores.shape[1] and scores.shape[1] > 1:
        return -(labels.float() * F.log_softmax(scores, dim=1)).sum(dim=1).mean()
    return F.cross_entropy(scores, labels.view(-1).long())


def _top1(scores: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    if labels.dim() == 2 and labels.shape[1] == scores.shape[1] and scores.shape[1] > 1:
        labels = labels.argmax(dim=1)
    return (scores.argmax(dim=1) == labels.view(-1)).float().mean()
