"""Gradient reversal layer (Ganin & Lempitsky, ICML 2015), used by SDN and SMAD."""
import numbers
from typing import Optional

import torch
import torch.nn as nn

from ...utils.checks import check_weight
from ...utils.deprecation import renamed_argument


class _GradientReversalFunction(torch.autograd.Function):
    """Identity in the forward pass, ``-grl_lambda * grad`` in the backward pass."""

    @staticmethod
    def forward(ctx, x: torch.Tensor, grl_lambda: float) -> torch.Tensor:
        ctx.grl_lambda = float(grl_lambda)
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor):
        return grad_output.neg() * ctx.grl_lambda, None


def gradient_reversal(x: torch.Tensor, grl_lambda: float = 1.0) -> torch.Tensor:
    r"""Apply gradient reversal: :math:`y = x`, :math:`\partial L/\partial x =
    -\lambda\,\partial L/\partial y` (:math:`\lambda` = ``grl_lambda``)."""
    return _GradientReversalFunction.apply(x, grl_lambda)


class GradientReversal(nn.Module):
    r"""Gradient reversal layer (GRL; Ganin & Lempitsky, "Unsupervised Domain Adaptation by
    Backpropagation", ICML 2015).

    .. math:: \mathrm{GRL}_\lambda(x) = x, \qquad
              \frac{\partial \mathrm{GRL}_\lambda}{\partial x} = -\lambda I

    Placed between a feature extractor and an adversarial classifier, the classifier
    minimises its loss while the feature extractor receives the reversed (maximising)
    gradient. :math:`\lambda` is the paper's name (and SDN's, Choi et al., NeurIPS 2019,
    which uses a constant :math:`\lambda`: 1.0 for the scene-only stage, 0.5 for the full
    model); :class:`GRLScheduleHook` can ramp it. In mmdebias it is ``grl_lambda``
    everywhere (``alpha`` is only a blending's Beta parameter).

    Args:
        grl_lambda (float): Reversal strength :math:`\lambda`, >= 0. ``grl_lambda`` is the
            value used at the next forward pass and may be changed at any time (e.g. by a
            hook, :meth:`set_grl_lambda`); ``base_grl_lambda`` keeps the configured value so
            that a schedule can scale it. Defaults to 1.0.
        alpha (float, optional): Deprecated name of ``grl_lambda`` (a ``FutureWarning``;
            removed after 2027-06-30).
    """

    def __init__(self, grl_lambda: float = 1.0, alpha: Optional[float] = None) -> None:
        super().__init__()
        grl_lambda = renamed_argument('GradientReversal', 'alpha', 'grl_lambda', alpha,
                                      grl_lambda, 1.0)
        self.base_grl_lambda = self._check(grl_lambda)
        self.grl_lambda = self.base_grl_lambda

    @staticmethod
    def _check(grl_lambda) -> float:
        if not isinstance(grl_lambda, numbers.Real):  # (a bool is refused by check_weight)
            raise TypeError(f'GradientReversal: grl_lambda must be a number, got '
                            f'{grl_lambda!r}')
        return check_weight(grl_lambda, 'GradientReversal: grl_lambda')

    def set_grl_lambda(self, grl_lambda: float) -> None:
        self.grl_lambda = self._check(grl_lambda)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return gradient_reversal(x, self.grl_lambda)

    def extra_repr(self) -> str:
        return f'grl_lambda={self.grl_lambda}'
