from typing import Dict, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.models.recognizers import Recognizer2D
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from mmengine.model import BaseModule

from ...utils.checks import check_choice
from ..utils import last_stage_map


PLACEMENTS = ('neck', 'before_last_stage')


@MODELS.register_module()
class SAARNeck(BaseModule):
    r"""Self-attentive action re-weighting (SAAR) of a feature map.

    From a feature map :math:`F \in \mathbb{R}^{C \times T \times H \times W}`, a small 2D
    residual block with a narrow bottleneck (1x1 conv C->m, 3x3 conv m->m, 1x1 conv m->C, BN
    after each, identity shortcut) followed by a 3x3 conv C->1 gives, for every time step t,
    an actionness map :math:`A_t \in \mathbb{R}^{H \times W}`. The map is normalised by a
    softmax over the H x W positions of that time step and re-weights the features:

    .. math::

        F'_{:, t} = (H W) \; F_{:, t} \odot \mathrm{softmax}_{H W}(A_t)

    The factor :math:`HW` makes a uniform map the identity: the last conv is zero-initialised,
    so training starts from :math:`F' = F`.

    Reference: Duan et al., "Mitigating Representation Bias in Action Recognition: Algorithms
    and Benchmarks", ECCV 2022 workshops (SMAD, section on SAAR).

    **Placement.**

    - ``placement='neck'`` (default): ``model.neck`` of a stock recognizer, re-weighting the
      last feature map. ``Recognizer3D`` passes ``[N, C, T, H, W]`` (returned re-weighted, same
      shape). ``Recognizer2D`` passes a *list* of per-stage maps ``[N, C, segs, H, W]``
      (needs ``backbone.out_indices`` with two stages, e.g. ``(2, 3)``, as for
      :class:`AdversarialAspectNeck`; checked at build time): the last one is re-weighted per
      segment and its segment average ``[N, C, 1, H, W]`` is returned, which mmaction hands to
      the head with ``num_segs=1`` (for average-consensus TSN heads this equals the consensus
      of per-segment scores). A plain 4D tensor ``[N * T, C, H, W]`` is re-weighted per frame.
    - ``placement='before_last_stage'`` (the paper's): the module registers a forward
      pre-hook on the backbone's last ResNet stage (``backbone.res_layers[-1]``, i.e.
      ``layer4`` of mmaction's ``ResNet`` / ``ResNet3d*``) when a ``DebiasRecognizer3D`` /
      ``2D`` is built around it (:meth:`setup_in_recognizer`; in a stock recognizer the first
      forward is an error naming that fix), which re-weights the stage's input
      (2D ``[N * segs, C, H, W]`` or 3D ``[N, C, T, H, W]``); ``in_channels`` is then the
      stage's input channels (1024 for R50, 256 for R18). The backbone is not copied or
      altered: state-dict keys stay stock, the SAAR weights live under ``neck.``. As a neck
      it then only passes features through (segment average for ``Recognizer2D``).

    Chain it with :class:`AdversarialAspectNeck` (SMAD = SAAR + MAAT) through
    :class:`SequentialNeck`. With ALBAR the static clips run through the neck too, so
    :attr:`last_actionness` then holds the maps of the static pass.

    **Actionness maps** of the last forward are kept, detached, in :attr:`last_actionness`:
    ``[N, T, H, W]`` softmax probabilities (each time step sums to 1; ``T = segs`` for TSN);
    :meth:`actionness` computes them for a given feature map.

    Args:
        in_channels (int): Channels C of the re-weighted feature map.
        mid_channels (int, optional): Bottleneck width m. Defaults to ``max(in_channels //
            16, 8)``.
        placement (str): ``'neck'`` or ``'before_last_stage'``. Defaults to ``'neck'``.
        keep_actionness (bool): Store :attr:`last_actionness`. Defaults to True.
        init_cfg (dict, optional): Init config.
    """

    def __init__(self,
                 in_channels: int,
                 mid_channels: Optional[int] = None,
                 placement: str = 'neck',
                 keep_actionness: bool = True,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not isinstance(in_channels, int) or in_channels <= 0:
            raise ValueError(f'SAARNeck: in_channels must be a positive int, got '
                             f'{in_channels!r}.')
        if mid_channels is None:
            mid_channels = max(in_channels // 16, 8)
        if not isinstance(mid_channels, int) or mid_channels <= 0:
            raise ValueError(f'SAARNeck: mid_channels must be a positive int, got '
                             f'{mid_channels!r}.')
        check_choice(placement, PLACEMENTS, 'SAARNeck: placement')
        self.in_channels = in_channels
        self.mid_channels = mid_channels
        self.placement = placement
        self.keep_actionness = keep_actionness
        self.residual = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, 1, bias=False), nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, mid_channels, 3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels), nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, in_channels, 1, bias=False), nn.BatchNorm2d(in_channels))
        self.to_map = nn.Conv2d(in_channels, 1, 3, padding=1)
        self.last_actionness: Optional[torch.Tensor] = None
        self._hook_handle = None
        self._reset_map_conv()

    def _reset_map_conv(self) -> None:
        nn.init.zeros_(self.to_map.weight)
        nn.init.zeros_(self.to_map.bias)

    def init_weights(self) -> None:
        super().init_weights()
        # a uniform actionness map at the start: F' = F
        self._reset_map_conv()

    # ------------------------------------------------------------------ binding
    def setup_in_recognizer(self, parent: nn.Module) -> None:
        """Called once by ``DebiasRecognizer2D`` / ``3D`` after it is built: registers the
        ``'before_last_stage'`` pre-hook on its backbone and checks ``out_indices``."""
        if self.placement == 'before_last_stage':
            self._install_hook(parent.backbone)
        if isinstance(parent, Recognizer2D):
            out_indices = getattr(parent.backbone, 'out_indices', None)
            if out_indices is not None and len(out_indices) < 2:
                raise ValueError(
                    'SAARNeck in a Recognizer2D: mmaction reshapes a single-stage backbone '
                    'output per frame before calling the neck (it fails unless the channels '
                    'divide by num_segs). Set model.backbone.out_indices to two stages, e.g. '
                    f'(2, 3) for a ResNet (now {tuple(out_indices)}); the neck uses the last.')

    def _install_hook(self, backbone: nn.Module) -> None:
        names = getattr(backbone, 'res_layers', None)
        if not names:
            raise ValueError(
                f"SAARNeck(placement='before_last_stage') needs a ResNet-style backbone with "
                f'res_layers (mmaction ResNet / ResNet3d*), got {type(backbone).__name__}; use '
                "placement='neck'.")
        if self._hook_handle is not None:
            self._hook_handle.remove()
        stage = getattr(backbone, names[-1])
        self._hook_handle = stage.register_forward_pre_hook(self._stage_pre_hook)

    def _stage_pre_hook(self, module: nn.Module, args: tuple):
        return (self.reweight(args[0]), ) + tuple(args[1:])

    # ------------------------------------------------------------------ compute
    def _logits(self, x: torch.Tensor) -> torch.Tensor:
        """[N, C, T, H, W] -> actionness logits [N, T, H, W]."""
        n, c, t, h, w = x.shape
        if c != self.in_channels:
            hint = (' (placement before_last_stage: the last stage input, e.g. 1024 for R50, '
                    '256 for R18)' if self.placement == 'before_last_stage' else '')
            raise ValueError(f'SAARNeck: in_channels={self.in_channels} but the feature map '
                             f'has {c} channels; set model.neck.in_channels={c}{hint}.')
        frames = x.transpose(1, 2).reshape(n * t, c, h, w)
        frames = F.relu(frames + self.residual(frames))
        return self.to_map(frames).reshape(n, t, h, w)

    def actionness(self, x: torch.Tensor) -> torch.Tensor:
        """Actionness probabilities (softmax over H x W per time step) of ``x``.

        ``x``: ``[N, C, T, H, W]`` -> ``[N, T, H, W]``, or ``[N, C, H, W]`` -> ``[N, 1, H, W]``.
        """
        x5 = x.unsqueeze(2) if x.dim() == 4 else x
        logits = self._logits(x5)
        n, t, h, w = logits.shape
        return F.softmax(logits.float().reshape(n, t, h * w), dim=2).reshape(n, t, h, w)

    def reweight(self, x: torch.Tensor) -> torch.Tensor:
        """F' = (H W) F softmax(A) for ``[N, C, T, H, W]`` or per frame for ``[N, C, H, W]``."""
        if not isinstance(x, torch.Tensor) or x.dim() not in (4, 5):
            raise ValueError('SAARNeck: expected a feature map [N, C, T, H, W] or [N, C, H, W], '
                             f'got {getattr(x, "shape", type(x).__name__)}.')
        flat = x.dim() == 4
        x5 = x.unsqueeze(2) if flat else x
        prob = self.actionness(x5)
        if self.keep_actionness:
            self.last_actionness = prob.detach()
        h, w = prob.shape[-2:]
        out = x5 * (prob.to(x5.dtype) * (h * w)).unsqueeze(1)
        return out.squeeze(2) if flat else out

    def forward(self, x, data_samples: Optional[SampleList] = None
                ) -> Tuple[object, Dict[str, torch.Tensor]]:
        if self.placement == 'before_last_stage' and self._hook_handle is None:
            raise RuntimeError(
                "SAARNeck(placement='before_last_stage') re-weights the input of the "
                "backbone's last stage through a hook that the recognizer installs: set "
                "model.type = 'DebiasRecognizer3D' (for Recognizer3D) or 'DebiasRecognizer2D' "
                "(for Recognizer2D), same arguments and checkpoint keys; or use "
                "placement='neck'.")
        reweight = self.reweight if self.placement == 'neck' else (lambda t: t)
        if isinstance(x, torch.Tensor):  # [N, C, T, H, W], or [N * T, C, H, W] per frame
            return reweight(x), {}
        last = last_stage_map(x, 'SAARNeck')
        if last is not None:
            return reweight(last).mean(dim=2, keepdim=True), {}
        raise TypeError('SAARNeck: expected a tensor (Recognizer3D) or a list of per-stage '
                        f'maps (Recognizer2D), got {type(x).__name__}; multi-pathway (tuple) '
                        'backbones are not supported.')
