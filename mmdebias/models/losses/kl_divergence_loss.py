import torch
import torch.nn.functional as F
from mmaction.models.losses import BaseWeightedLoss
from mmaction.registry import MODELS

from ...utils.checks import check_weight
from .checks import check_finite

#: How far a target row's sum may be from 1 (float32 rounding of stored probabilities).
SUM_TOLERANCE = 1e-3


@MODELS.register_module()
class KLDivergenceLoss(BaseWeightedLoss):
    r"""KL divergence from a target distribution to the softmax of the logits.

    .. math:: L = w\,\frac{1}{B}\sum_b \sum_k p_{bk}\,(\log p_{bk} - \log q_{bk}),
              \qquad q_b = \mathrm{softmax}(z_b)

    with :math:`0 \log 0 = 0` (``torch.xlogy``). It differs from the soft cross entropy
    (mmaction's ``CrossEntropyLoss`` with ``[B, K]`` targets) by the target entropy, a
    constant for the classifier, so the two have the same gradient with respect to the
    logits. SMAD's multi-aspect adversarial training (Duan et al., ECCV 2022 workshops) uses
    ``0.5`` of each on soft aspect labels.

    The target rows must be probability vectors (finite, >= 0, summing to 1 within
    ``SUM_TOLERANCE``), the logits finite and the batch non-empty; anything else is a
    ``ValueError`` naming the rows and the fix (a wrong target would give a NaN or a
    silently wrong loss).

    Args:
        loss_weight (float): w. Defaults to 1.0.
    """

    def __init__(self, loss_weight: float = 1.0) -> None:
        super().__init__(loss_weight=check_weight(loss_weight, 'KLDivergenceLoss: loss_weight'))

    def _forward(self, cls_score: torch.Tensor, label: torch.Tensor) -> torch.Tensor:
        if cls_score.dim() != 2 or label.shape != cls_score.shape:
            hint = (' (class indices: KLDivergenceLoss needs probability vectors, so it does '
                    'not combine with hard_labels=True; use CrossEntropyLoss there)'
                    if label.dim() == 1 and cls_score.dim() == 2 else '')
            raise ValueError(f'KLDivergenceLoss: logits [B, K] and target probabilities of the '
                             f'same shape, got {tuple(cls_score.shape)} and '
                             f'{tuple(label.shape)}{hint}.')
        if cls_score.shape[0] == 0:
            raise ValueError(f'KLDivergenceLoss: empty batch, logits of shape '
                             f'{tuple(cls_score.shape)} (the mean over no rows is NaN); call '
                             'it only on the labelled rows when there are some.')
        check_finite(cls_score, 'KLDivergenceLoss: logits')
        check_finite(label, 'KLDivergenceLoss: target probabilities')
        bad = (label < 0).any(dim=1) | ((label.sum(dim=1) - 1).abs() > SUM_TOLERANCE)
        if bool(bad.any()):
            rows = bad.nonzero().flatten()[:10].tolist()
            raise ValueError(
                f'KLDivergenceLoss: target rows {rows} are not probability vectors (negative '
                f'entries, or they do not sum to 1: first {label[rows[0]].tolist()[:8]}); give '
                "probabilities (LoadAspectLabels(label_format='probs') renormalises each row), "
                'or use BCELossWithLogits for multi-hot tags.')
        log_q = F.log_softmax(cls_score, dim=1)
        return (torch.xlogy(label, label) - label * log_q).sum(dim=1).mean()
