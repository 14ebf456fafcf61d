from typing import Dict, Optional, Tuple, Union

import numpy as np
import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmaction.utils import ConfigType, SampleList
from mmengine.model import BaseModule

from ..losses import negative_entropy
from ..losses.checks import check_finite
from ..utils import GradientReversal, paired_views, use_stock_head_keys

CONFUSION_MODES = ('paper', 'released')


@MODELS.register_module()
class HumanMaskConfusionHead(BaseModule):
    """SDN's human-mask confusion loss around any MMAction2 classification head.

    SDN (Choi et al., "Why Can't I Dance in the Mall? Learning to Mitigate Scene Bias in
    Action Recognition", NeurIPS 2019, eq. 4 and 6) wants a model that cannot name the action
    once the actors are masked out. Clips whose data sample has ``mask_flag`` set (default
    ``human_masked``, written by :class:`HumanMask` and packed with
    ``PackActionInputs(algorithm_keys=('human_masked', ...))``) are **excluded from the
    action cross entropy** and instead contribute

    - ``mode='paper'`` (default): the negative entropy of the ACTION classifier,

      .. math:: L_{Ent} = w\\,\\frac{1}{|M|}\\sum_{i\\in M}\\sum_k p_{ik}\\log p_{ik},\\quad
                p_i = \\mathrm{softmax}(f_{\\theta_A}(G_{\\theta_f}(x^{hm}_i)))

      minimised, i.e. backbone and action classifier both maximise the entropy;
    - ``mode='released'``: the authors' released code instead puts a separate classifier
      ``GRL -> (Linear-BN-ReLU) x num_hidden_layers -> Linear(num_classes)`` on the pooled
      features of the masked clips; that classifier maximises its entropy while the backbone,
      through the gradient reversal, minimises it. Its parameters live under
      ``cls_head.confusion.`` (strip them to get a stock checkpoint).

    Masked and unmasked clips of a batch go through one forward pass (joint optimisation;
    the paper alternates an unmasked and a masked step per iteration). With
    ``HumanMask(mode='pair')`` every sample carries its original clip (view 0: action cross
    entropy) and its masked copy (view 1: confusion loss where ``human_masked``), so SDN's
    ``mask_ratio=1.0`` keeps the action loss on every video. A batch without
    masked (unmasked) clips gives a zero ``loss_mask_entropy`` (``loss_cls``) that still
    depends on the parameters, so DDP sees no unused parameters.

    At test time the predictions are the wrapped head's, unchanged; ``state_dict`` keys are
    the wrapped head's stock keys (``cls_head.fc_cls.weight``) and stock checkpoints load.

    Args:
        head (dict): Config of the wrapped head (``I3DHead``, ``TSNHead``, ...).
        loss_weight (float): w. Defaults to 1.0.
        mode (str): ``'paper'`` or ``'released'``. Defaults to ``'paper'``.
        mask_flag (str): Data-sample field marking masked clips. Defaults to
            ``'human_masked'``.
        in_channels (int, optional): Feature channels, for ``mode='released'`` (defaults to
            the wrapped head's ``in_channels``).
        hidden_channels (int): Width of the released-mode classifier. Defaults to 512.
        num_hidden_layers (int): Hidden layers of the released-mode classifier. Defaults to 1.
        alpha (float): GRL strength of the released-mode classifier. Defaults to 1.0.
        init_cfg (dict, optional): Init config. The wrapped head keeps its own.
    """

    def __init__(self,
                 head: ConfigType,
                 loss_weight: float = 1.0,
                 mode: str = 'paper',
                 mask_flag: str = 'human_masked',
                 in_channels: Optional[int] = None,
                 hidden_channels: int = 512,
                 num_hidden_layers: int = 1,
                 alpha: float = 1.0,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not isinstance(head, dict) or 'type' not in head:
            raise TypeError('HumanMaskConfusionHead(head=...) needs the config dict of the head '
                            "to wrap, e.g. head=dict(type='I3DHead', num_classes=400, "
                            'in_channels=2048).')
        if mode not in CONFUSION_MODES:
            raise ValueError(f'HumanMaskConfusionHead: mode must be one of {CONFUSION_MODES}, '
                             f'got {mode!r}.')
        if not (np.isfinite(float(loss_weight)) and float(loss_weight) >= 0):
            raise ValueError(f'HumanMaskConfusionHead: loss_weight must be finite and >= 0, '
                             f'got {loss_weight!r}.')
        self.head = MODELS.build(head)
        self.loss_weight = float(loss_weight)
        self.mode = mode
        self.mask_flag = mask_flag
        if mode == 'released':
            channels = in_channels or getattr(self.head, 'in_channels', None)
            if not channels:
                raise ValueError('HumanMaskConfusionHead(mode="released") needs in_channels.')
            layers = [GradientReversal(alpha)]
            for _ in range(num_hidden_layers):
                layers += [nn.Linear(channels, hidden_channels),
                           nn.BatchNorm1d(hidden_channels), nn.ReLU(inplace=True)]
                channels = hidden_channels
            layers.append(nn.Linear(channels, self.head.num_classes))
            self.confusion = nn.Sequential(*layers)
        use_stock_head_keys(self, own=('confusion', ))

    @property
    def num_classes(self) -> int:
        return self.head.num_classes

    def forward(self, x, **kwargs) -> torch.Tensor:
        return self.head(x, **kwargs)

    def predict(self, feats, data_samples: SampleList, **kwargs) -> SampleList:
        return self.head.predict(feats, data_samples, **kwargs)

    def masked_flags(self, data_samples: SampleList) -> torch.Tensor:
        flags = []
        for i, sample in enumerate(data_samples):
            value = sample.get(self.mask_flag, False)
            value = value.detach().cpu().numpy() if isinstance(value, torch.Tensor) else value
            if value is None:
                value = False
            arr = np.asarray(value)
            if arr.size != 1 or arr.dtype.kind not in 'biu':
                raise ValueError(f'HumanMaskConfusionHead: data sample {i} has '
                                 f'{self.mask_flag}={value!r}; expected a bool.')
            flags.append(bool(arr.reshape(())))
        return torch.tensor(flags, dtype=torch.bool)

    def loss(self, feats: Union[torch.Tensor, Tuple[torch.Tensor]],
             data_samples: SampleList, **kwargs) -> Dict:
        n = len(data_samples)
        views = paired_views(data_samples)
        if views > 1 and kwargs.get('num_segs', 1) > 1:
            # TSN without a neck: the 2 * segs frames of a sample are [original, masked]
            kwargs = dict(kwargs, num_segs=kwargs['num_segs'] // views)
        scores = self.head(feats, **kwargs).float()
        check_finite(scores, 'HumanMaskConfusionHead: logits', 'sample')
        masked = self.masked_flags(data_samples).to(scores.device)
        if scores.shape[0] != n * views:
            raise ValueError(f'HumanMaskConfusionHead: {scores.shape[0]} score rows for '
                             f'{n} data samples x {views} views (multi-clip training inputs '
                             'are not supported).')
        if views > 1:
            # HumanMask(mode='pair'): every original clip gets the action loss, the masked
            # copies (view 1, where human_masked) the confusion loss
            scores = scores.view(n, views, -1)
            action, masked_view = scores[:, 0], scores[:, 1]
            ce_rows = torch.ones_like(masked)
        else:
            action = masked_view = scores
            ce_rows = ~masked
        plain = ce_rows.nonzero().flatten().tolist()
        if plain:
            losses = self.head.loss_by_feat(action[ce_rows], [data_samples[i] for i in plain])
        else:
            losses = {'loss_cls': scores.sum() * 0.0}

        if self.mode == 'paper':
            aux = masked_view
        else:
            pooled = _pooled(feats, n * views)
            if views > 1:
                pooled = pooled.view(n, views, -1)[:, 1]
            aux = self.confusion(pooled).float()
        if masked.any():
            losses['loss_mask_entropy'] = self.loss_weight * negative_entropy(aux[masked])
        else:
            losses['loss_mask_entropy'] = aux.sum() * 0.0
        return losses


def _pooled(feats, batch_size: int) -> torch.Tensor:
    """Per-video [N, C] features from [N, C, ...] or [N * segs, C, ...] (TSN) maps."""
    if isinstance(feats, (tuple, list)):
        return torch.cat([_pooled(f, batch_size) for f in feats], dim=1)
    x = feats.flatten(2).mean(dim=2) if feats.dim() > 2 else feats
    if x.shape[0] != batch_size:
        x = x.view(batch_size, -1, x.shape[1]).mean(dim=1)
    return x
