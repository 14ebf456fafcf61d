import torch
import torch.nn.functional as F
from mmaction.models.losses import BaseWeightedLoss
from mmaction.registry import MODELS


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

    Args:
        loss_weight (float): w. Defaults to 1.0.
    """

    def _forward(self, cls_score: torch.Tensor, label: torch.Tensor) -> torch.Tensor:
        if cls_score.dim() != 2 or label.shape != cls_score.shape:
            raise ValueError(f'KLDivergenceLoss: logits [B, K] and target probabilities of the '
                             f'same shape, got {tuple(cls_score.shape)} and '
                             f'{tuple(label.shape)}.')
        log_q = F.log_softmax(cls_score, dim=1)
        return (torch.xlogy(label, label) - label * log_q).sum(dim=1).mean()
