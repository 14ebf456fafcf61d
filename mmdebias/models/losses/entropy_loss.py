import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS

from ...utils.checks import check_weight
from .checks import check_finite


def negative_entropy(cls_scores: torch.Tensor) -> torch.Tensor:
    r"""Mean negative entropy (nats) of softmax predictions.

    .. math:: -H = \frac{1}{B} \sum_b \sum_c p_{bc} \log p_{bc},
              \quad p_b = \mathrm{softmax}(s_b)

    Computed from ``log_softmax`` in float32, so a probability that underflows to 0 contributes
    ``0 * log_softmax`` (finite) instead of ``0 * log 0 = NaN``; finite for logits of ±1e4.
    Minimising it maximises the entropy, i.e. pushes predictions towards uniform.

    ``cls_scores`` must be logits ``[B, K]`` with ``B >= 1``; a NaN or infinite logit is a
    ``ValueError`` naming its rows (it would make the loss NaN and, after one step, the
    parameters), as is any other shape or an empty batch.
    """
    if cls_scores.dim() != 2:
        raise ValueError(f'negative_entropy expects logits [B, K], got shape '
                         f'{tuple(cls_scores.shape)}')
    if cls_scores.shape[0] == 0:
        raise ValueError(f'negative_entropy: empty batch (logits of shape '
                         f'{tuple(cls_scores.shape)}); call it only with at least one sample')
    check_finite(cls_scores, 'negative_entropy: the logits')
    log_p = F.log_softmax(cls_scores.float(), dim=1)
    return (log_p.exp() * log_p).sum(dim=1).mean()


@MODELS.register_module()
class NegativeEntropyLoss(nn.Module):
    """``loss_weight * mean_b sum_c p log p``: entropy maximisation of predictions.

    Used for ALBAR's static-clip entropy term (Fioresi et al., ICLR 2025; weight 4.25) and
    SDN's human-mask confusion loss (Choi et al., NeurIPS 2019).
    """

    def __init__(self, loss_weight: float = 1.0) -> None:
        super().__init__()
        self.loss_weight = check_weight(loss_weight, 'NegativeEntropyLoss: loss_weight')

    def forward(self, cls_scores: torch.Tensor) -> torch.Tensor:
        return self.loss_weight * negative_entropy(cls_scores)
