"""The classifier of an adversarial branch: gradient reversal, then an MLP."""
from typing import List

import torch.nn as nn

from .gradient_reversal import GradientReversal


def build_adversary_mlp(in_channels: int, out_channels: int, hidden_channels: int = 512,
                        num_hidden_layers: int = 1, alpha: float = 1.0) -> nn.Sequential:
    r"""``GRL -> (Linear -> BatchNorm1d -> ReLU) x num_hidden_layers -> Linear``.

    .. math:: z = W_{L+1}\,\sigma(\mathrm{BN}(W_L \cdots \sigma(\mathrm{BN}(W_1\,
              \mathrm{GRL}_\alpha(g))))) + b_{L+1}

    The classifier minimises its loss; through the gradient reversal layer (Ganin &
    Lempitsky, ICML 2015) the features :math:`g` it reads receive :math:`-\alpha` times that
    gradient, i.e. are trained to maximise it. Used by SDN's scene adversary (Choi et al.,
    NeurIPS 2019: hidden width 512, 3 hidden layers), SMAD's aspect adversaries (Duan et al.,
    ECCV 2022 workshops) and SDN's released human-mask confusion classifier (1 hidden layer).
    Layer ``0`` is the :class:`GradientReversal`, so ``GRLScheduleHook`` finds it; the
    state-dict keys are ``1.weight``, ``2.running_mean``, ... as in the released models.

    Args:
        in_channels (int): Feature channels :math:`C`.
        out_channels (int): Classes of the adversary.
        hidden_channels (int): Width of the hidden layers. Defaults to 512.
        num_hidden_layers (int): Number of hidden layers, >= 0. Defaults to 1.
        alpha (float): GRL strength. Defaults to 1.0.
    """
    for name, value in (('in_channels', in_channels), ('out_channels', out_channels),
                        ('hidden_channels', hidden_channels)):
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise ValueError(f'build_adversary_mlp: {name} must be a positive int, got '
                             f'{value!r}.')
    if isinstance(num_hidden_layers, bool) or not isinstance(num_hidden_layers, int) or \
            num_hidden_layers < 0:
        raise ValueError(f'build_adversary_mlp: num_hidden_layers must be an int >= 0, got '
                         f'{num_hidden_layers!r}.')
    layers: List[nn.Module] = [GradientReversal(alpha)]
    channels = in_channels
    for _ in range(num_hidden_layers):
        layers += [nn.Linear(channels, hidden_channels), nn.BatchNorm1d(hidden_channels),
                   nn.ReLU(inplace=True)]
        channels = hidden_channels
    layers.append(nn.Linear(channels, out_channels))
    return nn.Sequential(*layers)
