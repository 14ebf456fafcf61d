"""Gradient reversal layer (Ganin & Lempitsky, ICML 2015), used by SDN and SMAD."""
import numbers

import torch
import torch.nn as nn

from ...utils.checks import check_weight


class _GradientReversalFunction(torch.autograd.Function):
    """Identity in the forward pass, ``-alpha * grad`` in the backward pass."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, alpha: float) -> torch.Tensor:
        ctx.alpha = float(alpha)
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor):
        return grad_output.neg() * ctx.alpha, None


def gradient_reversal(x: torch.Tensor, alpha: float = 1.0) -> torch.Tensor:
    r"""Apply gradient reversal: :math:`y = x`, :math:`\partial L/\partial x =
    -\alpha\,\partial L/\partial y`."""
    return _GradientReversalFunction.apply(x, alpha)


class GradientReversal(nn.Module):
    r"""Gradient reversal layer (GRL; Ganin & Lempitsky, "Unsupervised Domain Adaptation by
    Backpropagation", ICML 2015).

    .. math:: \mathrm{GRL}_\alpha(x) = x, \qquad
              \frac{\partial \mathrm{GRL}_\alpha}{\partial x} = -\alpha I

    Placed between a feature extractor and an adversarial classifier, the classifier
    minimises its loss while the feature extractor receives the reversed (maximising)
    gradient. SDN (Choi et al., NeurIPS 2019) uses a constant :math:`\alpha` (1.0 for the
    scene-only stage, 0.5 for the full model); :class:`GRLScheduleHook` can ramp it.

    Args:
        alpha (float): Reversal strength, >= 0. ``alpha`` is the value used at the next
            forward pass and may be changed at any time (e.g. by a hook); ``base_alpha``
            keeps the configured value so that a schedule can scale it.
    """

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.base_alpha = self._check(alpha)
        self.alpha = self.base_alpha

    @staticmethod
    def _check(alpha) -> float:
        if not isinstance(alpha, numbers.Real):  # (a bool is refused by check_weight)
            raise TypeError(f'GradientReversal: alpha must be a number, got {alpha!r}')
        return check_weight(alpha, 'GradientReversal: alpha')

    def set_alpha(self, alpha: float) -> None:
        self.alpha = self._check(alpha)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return gradient_reversal(x, self.alpha)

    def extra_repr(self) -> str:
        return f'alpha={self.alpha}'
