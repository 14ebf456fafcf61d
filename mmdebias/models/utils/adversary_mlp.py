"""The classifier of an adversarial branch: gradient reversal, then an MLP; and a loader for
the MLPs of SDN's released checkpoints."""
import re
from collections import OrderedDict
from typing import Dict, List, Mapping, Optional

import torch
import torch.nn as nn

from ...utils.deprecation import renamed_argument
from .gradient_reversal import GradientReversal
from ...utils.checks import check_choice, check_int

#: The MLPs of SDN's released models (``vt-vl-lab/SDN``, ``models/resnet.py``): the module
#: name in the checkpoint and the name of its last ``nn.Linear``.
SDN_RELEASED_MLPS = {'place_mlp': 'p_last_fc', 'hm_mlp': 'hm_last_fc'}

#: Suffixes of the layers of one released ``MLP_Block`` (``fc`` -> ``bn`` -> ReLU) and their
#: offsets in :func:`build_adversary_mlp`'s ``nn.Sequential`` (layer 0 is the GRL).
_BLOCK_LAYERS = {'fc': 1, 'bn': 2}


def build_adversary_mlp(in_channels: int, out_channels: int,
                        hidden_channels: Optional[int] = 512, num_hidden_layers: int = 1,
                        grl_lambda: float = 1.0,
                        alpha: Optional[float] = None) -> nn.Sequential:
    r"""``GRL -> (Linear -> BatchNorm1d -> ReLU) x num_hidden_layers -> Linear``.

    .. math:: z = W_{L+1}\,\sigma(\mathrm{BN}(W_L \cdots \sigma(\mathrm{BN}(W_1\,
              \mathrm{GRL}_\lambda(g))))) + b_{L+1}

    The classifier minimises its loss; through the gradient reversal layer (Ganin &
    Lempitsky, ICML 2015) the features :math:`g` it reads receive :math:`-\lambda` times that
    gradient, i.e. are trained to maximise it. Used by SDN's scene adversary (Choi et al.,
    NeurIPS 2019: 3 hidden layers), SMAD's aspect adversaries (Duan et al., ECCV 2022
    workshops) and SDN's released human-mask confusion classifier (1 hidden layer).

    **Hidden width.** The SDN paper says "hidden fully connected layers have 512 units"; its
    released code sizes them by the backbone's feature width (``512 * block.expansion`` in
    ``vt-vl-lab/SDN``, ``models/resnet.py``, ``ResNet.__init__``: 512 on the paper's
    3D-ResNet-18, where the two agree, 2048 on a ResNet-50). ``hidden_channels=None`` follows
    the released code (hidden width = ``in_channels``); an int sets it.

    Layer ``0`` is the :class:`GradientReversal` (parameter-free), so ``GRLScheduleHook``
    finds it; the parameters are ``1.weight``, ``2.running_mean``, ... (hidden layer k at
    ``3k + 1`` / ``3k + 2``, the output layer last). These are *not* the released SDN key
    names; :func:`load_released_sdn_mlp` maps a released checkpoint onto them.

    Args:
        in_channels (int): Feature channels :math:`C`.
        out_channels (int): Classes of the adversary.
        hidden_channels (int, optional): Width of the hidden layers; None: ``in_channels``
            (the released SDN code). Defaults to 512.
        num_hidden_layers (int): Number of hidden layers, >= 0. Defaults to 1.
        grl_lambda (float): GRL strength :math:`\lambda`. Defaults to 1.0.
        alpha (float, optional): Deprecated name of ``grl_lambda`` (a ``FutureWarning``;
            removed after 2027-06-30).
    """
    grl_lambda = renamed_argument('build_adversary_mlp', 'alpha', 'grl_lambda', alpha,
                                  grl_lambda, 1.0)
    if hidden_channels is None:
        hidden_channels = in_channels
    for name, value in (('in_channels', in_channels), ('out_channels', out_channels),
                        ('hidden_channels', hidden_channels)):
        check_int(value, f'build_adversary_mlp: {name}', 1)
    check_int(num_hidden_layers, 'build_adversary_mlp: num_hidden_layers', 0)
    layers: List[nn.Module] = [GradientReversal(grl_lambda)]
    channels = in_channels
    for _ in range(num_hidden_layers):
        layers += [nn.Linear(channels, hidden_channels), nn.BatchNorm1d(hidden_channels),
                   nn.ReLU(inplace=True)]
        channels = hidden_channels
    layers.append(nn.Linear(channels, out_channels))
    return nn.Sequential(*layers)


def released_sdn_mlp_keys(state_dict: Mapping[str, torch.Tensor],
                          mlp: str = 'place_mlp') -> Dict[str, str]:
    """Key map of one MLP of a released SDN checkpoint: released key -> our key.

    Released layout (``vt-vl-lab/SDN``, ``models/resnet.py``: ``MLP_Block`` with ``fc`` and
    ``bn``, built by ``ResNet._make_mlp_layer``, then ``add_module('p_last_fc' |
    'hm_last_fc', ...)``), mapped onto :func:`build_adversary_mlp`'s ``nn.Sequential``:

    - ``<mlp>.<k>.fc.{weight, bias}`` -> ``<3k+1>.{weight, bias}`` (hidden block k);
    - ``<mlp>.<k>.bn.{weight, bias, running_mean, running_var, num_batches_tracked}`` ->
      ``<3k+2>.{...}``;
    - ``place_mlp.p_last_fc.{weight, bias}`` / ``hm_mlp.hm_last_fc.{weight, bias}`` ->
      ``<3L+1>.{weight, bias}``,

    with L the number of hidden blocks found. Keys may carry DataParallel's ``module.``
    prefix (the released training script saves ``model.state_dict()`` of an
    ``nn.DataParallel``); keys of the backbone and of the other MLP are ignored.

    Args:
        state_dict (Mapping[str, Tensor]): A released state dict, or a checkpoint dict
            holding one under ``'state_dict'``.
        mlp (str): ``'place_mlp'`` (the scene adversary) or ``'hm_mlp'`` (the human-mask
            confusion classifier). Defaults to ``'place_mlp'``.

    Returns:
        dict[str, str]: Released key -> key of the ``nn.Sequential``.
    """
    check_choice(mlp, sorted(SDN_RELEASED_MLPS), 'released_sdn_mlp_keys: mlp')
    if 'state_dict' in state_dict and isinstance(state_dict['state_dict'], Mapping):
        state_dict = state_dict['state_dict']
    last = SDN_RELEASED_MLPS[mlp]
    pattern = re.compile(r'^(?:module\.)?' + re.escape(mlp) +
                         r'\.(?:(\d+)\.(fc|bn)|' + re.escape(last) + r')\.(\w+)$')
    blocks, last_keys, found = set(), [], []
    for key in state_dict:
        match = pattern.match(key)
        if match is None:
            continue
        index, layer, param = match.groups()
        if index is None:
            last_keys.append((key, param))
        else:
            blocks.add(int(index))
            found.append((key, int(index), layer, param))
    if not found and not last_keys:
        prefixes = sorted({k.split('.')[0] if not k.startswith('module.') else
                           'module.' + k.split('.')[1] for k in state_dict})
        raise KeyError(f'released_sdn_mlp_keys: no {mlp}.* keys in the state dict (top-level '
                       f'names: {prefixes[:12]}); a released SDN checkpoint has '
                       f"'place_mlp.0.fc.weight' ... 'place_mlp.p_last_fc.weight' (scene) and "
                       f"'hm_mlp.0.fc.weight' ... 'hm_mlp.hm_last_fc.weight' (human mask).")
    if blocks != set(range(len(blocks))):
        raise KeyError(f'released_sdn_mlp_keys: the hidden blocks of {mlp} are numbered '
                       f'{sorted(blocks)}, expected 0..{len(blocks) - 1}.')
    if not last_keys:
        raise KeyError(f'released_sdn_mlp_keys: {mlp} has no {mlp}.{last}.weight / .bias; '
                       'the state dict is not a complete released SDN MLP.')
    mapping = {}
    for key, index, layer, param in found:
        mapping[key] = f'{3 * index + _BLOCK_LAYERS[layer]}.{param}'
    for key, param in last_keys:
        mapping[key] = f'{3 * len(blocks) + 1}.{param}'
    return mapping


def load_released_sdn_mlp(module: nn.Sequential, state_dict: Mapping[str, torch.Tensor],
                          mlp: str = 'place_mlp') -> nn.Sequential:
    """Load one MLP of a released SDN checkpoint into a :func:`build_adversary_mlp` MLP.

    E.g. ``load_released_sdn_mlp(neck.adversaries['scene'].classifier,
    torch.load('sdn.pth')['state_dict'])`` for the scene adversary (``'place_mlp'``), or
    ``MaskConfusionObjective(mode='released').confusion`` with ``mlp='hm_mlp'``. The key map
    is :func:`released_sdn_mlp_keys`; every parameter and buffer of ``module`` must be
    filled (strict), and a layer count or width that differs from the checkpoint's is an
    error naming the setting to change.

    Args:
        module (nn.Sequential): Built by :func:`build_adversary_mlp`.
        state_dict (Mapping[str, Tensor]): Released state dict (or checkpoint dict).
        mlp (str): ``'place_mlp'`` or ``'hm_mlp'``. Defaults to ``'place_mlp'``.

    Returns:
        nn.Sequential: ``module``, loaded.
    """
    if 'state_dict' in state_dict and isinstance(state_dict['state_dict'], Mapping):
        state_dict = state_dict['state_dict']
    mapping = released_sdn_mlp_keys(state_dict, mlp)
    converted = OrderedDict((ours, state_dict[released]) for released, ours in mapping.items())
    ours_hidden = (len(module) - 2) // 3
    released_hidden = (max(int(k.split('.')[0]) for k in converted) - 1) // 3
    if ours_hidden != released_hidden:
        raise ValueError(f'load_released_sdn_mlp: the released {mlp} has {released_hidden} '
                         f'hidden layer(s), this MLP {ours_hidden}; build it with '
                         f'num_hidden_layers={released_hidden}.')
    expected = module.state_dict()
    for key, value in converted.items():
        if key in expected and tuple(value.shape) != tuple(expected[key].shape):
            released = next(r for r, o in mapping.items() if o == key)
            raise ValueError(
                f'load_released_sdn_mlp: {released} has shape {tuple(value.shape)}, this MLP '
                f'expects {tuple(expected[key].shape)} at {key}; match in_channels (the '
                'backbone feature width), hidden_channels (None: the feature width, as the '
                'released code) and num_classes to the checkpoint.')
    module.load_state_dict(converted, strict=True)
    return module
