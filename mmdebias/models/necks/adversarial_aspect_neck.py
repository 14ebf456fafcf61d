import math
from contextlib import contextmanager
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from mmengine.model import BaseModule

from ..losses.checks import NAN_FIX
from ..utils import GradientReversal, RecognizerBound, paired_views

LABEL_TYPES = ('soft', 'single', 'multi')
#: Per-aspect defaults by ``preset``: label_type -> default overrides, plus the neck-level
#: ``normalize_by_num_aspects``.
#: 'sdn': soft cross entropy only (Choi et al. 2019). 'smad': soft targets use
#: 0.5 SoftCE + 0.5 KL and multi-label tags BCE with weight 5 (Duan et al. 2022), and every
#: weight is divided by the number of aspects.
PRESETS = {
    'sdn': dict(normalize_by_num_aspects=False, soft={}, multi={}, single={}),
    'smad': dict(normalize_by_num_aspects=True, soft=dict(soft_ce_weight=0.5, kl_weight=0.5),
                 multi=dict(loss_weight=5.0), single={}),
}
_ASPECT_KEYS = {
    'name', 'num_classes', 'label_type', 'loss_weight', 'hidden_channels', 'num_hidden_layers',
    'alpha', 'label_key', 'soft_to_hard', 'soft_ce_weight', 'kl_weight', 'temperature'
}


@MODELS.register_module()
class AdversarialAspectNeck(RecognizerBound, BaseModule):
    r"""Adversarial side-label classifiers (scene, object, ...) behind gradient reversal.

    For each *aspect* a (SDN: one aspect, the scene; SMAD: scene, object, event, ...), the
    pooled clip feature :math:`g = \mathrm{pool}(G_{\theta_f}(x)) \in \mathbb{R}^C` goes
    through a gradient reversal layer and an MLP
    (``num_hidden_layers`` x Linear-BN-ReLU of width ``hidden_channels``, then Linear):
    :math:`z_a = f_{\theta_a}(\mathrm{GRL}_{\alpha_a}(g))`. The MLP minimises the aspect
    loss while the backbone, through the GRL, maximises it (SDN eq. 3 and 5):

    .. math::

        L = \sum_a \frac{w_a}{|S_a|} \sum_{i \in S_a} \ell_a(z_{a,i}, y_{a,i})

    where :math:`S_a` are the samples that carry a label for aspect ``a`` (others are
    excluded) and :math:`\ell_a` depends on ``label_type``:

    - ``'soft'`` (default, SDN): soft cross entropy against a probability vector
      :math:`p` (e.g. the mean Places365 softmax of the video),
      :math:`\ell = T^2 (w_{ce}\,(-\sum_k p^T_k \log q_k) + w_{kl}\,
      \mathrm{KL}(p^T \| q))` with :math:`q = \mathrm{softmax}(z/T)` and
      :math:`p^T \propto p^{1/T}`. SDN: :math:`w_{ce}=1, w_{kl}=0, T=1`; SMAD: 0.5 / 0.5.
      An int label is read as a one-hot vector.
    - ``'single'``: hard cross entropy against a class index; a probability vector is
      turned into its argmax if ``soft_to_hard=True`` (SDN's hard-label ablation).
    - ``'multi'``: binary cross entropy against a multi-hot vector (SMAD tags).

    References: Choi et al., "Why Can't I Dance in the Mall? Learning to Mitigate Scene Bias
    in Action Recognition", NeurIPS 2019 (SDN); Duan et al., "Mitigating Representation Bias
    in Action Recognition: Algorithms and Benchmarks", ECCV 2022 workshops (SMAD).

    **Where it sits.** As ``model.neck`` of a stock recognizer: in training mmaction calls
    ``x, loss_aux = neck(x, data_samples=...)`` and merges ``loss_aux`` into the losses; at
    test time ``neck(x)`` returns ``(x, {})``. Inputs follow what mmaction passes:

    - ``Recognizer3D``: a tensor ``[N, C, T, H, W]`` (or a tuple of them, e.g. SlowFast:
      pooled features are concatenated), returned **unchanged**.
    - ``Recognizer2D``: a *list* of per-stage maps ``[N, C, segs, H, W]``. mmaction only
      builds that list correctly from a multi-stage backbone output, so TSN needs
      ``backbone.out_indices`` with two or more stages, e.g. ``(2, 3)`` (checked at build
      time). The last stage is used; the neck returns its segment average ``[N, C, 1, H, W]``
      which mmaction squeezes to ``[N, C, H, W]`` and hands to the head with ``num_segs=1``:
      for average-consensus heads (TSN) the predictions are the same as without the neck.

    **Labels** are per-sample fields of the data samples, ``<name>_label`` by default (put
    there by ``PackActionInputs(algorithm_keys=('scene_label', ))`` from
    :class:`LoadAspectLabels`): a float vector of length ``num_classes``, an int, or
    missing. A sample is unlabelled for an aspect if the field is absent, ``None`` or a
    negative scalar (``-1``). Samples flagged by ``exclude_flag`` (default
    ``'human_masked'``: SDN applies the adversarial loss to original clips only) are
    excluded from every aspect. A batch with no labelled sample gives a zero loss that still
    depends on every parameter (DDP sees no unused parameters).

    With ``HumanMask(mode='pair')`` each sample carries two views (original, masked copy;
    ``human_mask_paired`` set): only the original view enters the aspect losses, and for
    Recognizer2D the neck returns one segment average per view.

    Pooled features that hold a NaN / inf (a diverged backbone or NaN pixels) are a
    ``ValueError`` naming the data samples, raised before any aspect loss turns NaN.

    Logged keys: ``loss_<name>`` and ``<name>_acc`` (top-1 agreement with the label's argmax,
    for ``'multi'``: top-1 prediction is a positive tag), over the labelled samples; for
    ``'multi'`` also ``<name>_mAP``: mean over tags with at least one positive in the batch
    of the average precision of the tag scores (a batch estimate, for monitoring only).

    **Presets.** ``preset='sdn'`` (default) keeps the SDN defaults listed below.
    ``preset='smad'`` changes the *defaults* (explicit per-aspect keys still win) to the
    SMAD multi-aspect adversarial training (MAAT) recipe: ``'soft'`` aspects
    ``soft_ce_weight=0.5, kl_weight=0.5``; ``'multi'`` aspects ``loss_weight=5.0``; and
    ``normalize_by_num_aspects=True`` (with N aspects, each weight is divided by N):

    .. math::

        L_{MAAT} = \frac{1}{N} \sum_{a=1}^{N} w_a \, \ell_a

    Args:
        in_channels (int): Channels of the (last) feature map; for a tuple input, the sum.
        aspects (list[dict]): One dict per aspect with keys ``name`` (required),
            ``num_classes`` (required), ``label_type`` ('soft'), ``loss_weight`` (1.0),
            ``hidden_channels`` (512), ``num_hidden_layers`` (3), ``alpha`` (1.0, GRL
            strength; a :class:`GRLScheduleHook` may scale it), ``label_key``
            (``'<name>_label'``), ``soft_to_hard`` (False), ``soft_ce_weight`` (1.0),
            ``kl_weight`` (0.0), ``temperature`` (1.0).
        normalize_by_num_aspects (bool, optional): Divide every ``loss_weight`` by the number
            of aspects (SMAD). Defaults to None: False for ``preset='sdn'``, True for
            ``'smad'``.
        preset (str): ``'sdn'`` or ``'smad'``: per-aspect defaults, see above.
            Defaults to ``'sdn'``.
        exclude_flag (str, optional): Data-sample field; samples where it is truthy are left
            out of the aspect losses. Defaults to ``'human_masked'``.
        init_cfg (dict, optional): Init config.
    """

    def __init__(self,
                 in_channels: int,
                 aspects: Sequence[dict],
                 normalize_by_num_aspects: Optional[bool] = None,
                 exclude_flag: Optional[str] = 'human_masked',
                 preset: str = 'sdn',
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if preset not in PRESETS:
            raise ValueError(f'AdversarialAspectNeck: preset must be one of {sorted(PRESETS)}, '
                             f'got {preset!r}.')
        self.preset = preset
        if normalize_by_num_aspects is None:
            normalize_by_num_aspects = PRESETS[preset]['normalize_by_num_aspects']
        self.normalize_by_num_aspects = bool(normalize_by_num_aspects)
        if not isinstance(in_channels, int) or in_channels <= 0:
            raise ValueError(f'AdversarialAspectNeck: in_channels must be a positive int, '
                             f'got {in_channels!r}.')
        if isinstance(aspects, dict) or not aspects:
            raise ValueError('AdversarialAspectNeck: aspects must be a non-empty list of '
                             "dicts, e.g. [dict(name='scene', num_classes=365)].")
        self.in_channels = in_channels
        self.exclude_flag = exclude_flag
        self.aspects: List[dict] = []
        self.classifiers = nn.ModuleDict()
        for cfg in aspects:
            aspect = self._parse_aspect(cfg, preset)
            if aspect['name'] in self.classifiers:
                raise ValueError(f"AdversarialAspectNeck: aspect name {aspect['name']!r} "
                                 'appears twice.')
            if normalize_by_num_aspects:
                aspect['loss_weight'] /= len(aspects)
            self.aspects.append(aspect)
            self.classifiers[aspect['name']] = self._make_classifier(aspect)

    # ------------------------------------------------------------------ building
    @staticmethod
    def _parse_aspect(cfg: dict, preset: str = 'sdn') -> dict:
        if not isinstance(cfg, dict) or 'name' not in cfg or 'num_classes' not in cfg:
            raise ValueError('AdversarialAspectNeck: each aspect needs at least name and '
                             f'num_classes, e.g. dict(name="scene", num_classes=365); got {cfg!r}')
        unknown = set(cfg) - _ASPECT_KEYS
        if unknown:
            raise ValueError(f"AdversarialAspectNeck: aspect {cfg['name']!r} has unknown keys "
                             f'{sorted(unknown)}; allowed: {sorted(_ASPECT_KEYS)}.')
        a = dict(label_type='soft', loss_weight=1.0, hidden_channels=512, num_hidden_layers=3,
                 alpha=1.0, label_key=f"{cfg['name']}_label", soft_to_hard=False,
                 soft_ce_weight=1.0, kl_weight=0.0, temperature=1.0)
        a.update(PRESETS[preset].get(cfg.get('label_type', 'soft'), {}))
        a.update(cfg)
        name = a['name']
        if not isinstance(name, str) or not name.isidentifier() or 'loss' in name:
            raise ValueError(f'AdversarialAspectNeck: aspect name must be an identifier '
                             f"without 'loss' in it (it names log keys), got {name!r}.")
        if a['label_type'] not in LABEL_TYPES:
            raise ValueError(f'AdversarialAspectNeck: aspect {name!r}: label_type must be one '
                             f"of {LABEL_TYPES}, got {a['label_type']!r}.")
        if not isinstance(a['num_classes'], int) or a['num_classes'] < 2:
            raise ValueError(f'AdversarialAspectNeck: aspect {name!r}: num_classes must be an '
                             f"int >= 2, got {a['num_classes']!r}.")
        for key in ('loss_weight', 'soft_ce_weight', 'kl_weight'):
            if not (math.isfinite(float(a[key])) and float(a[key]) >= 0):
                raise ValueError(f'AdversarialAspectNeck: aspect {name!r}: {key} must be '
                                 f'finite and >= 0, got {a[key]!r}.')
            a[key] = float(a[key])
        if not float(a['temperature']) > 0:
            raise ValueError(f'AdversarialAspectNeck: aspect {name!r}: temperature must be '
                             f"> 0, got {a['temperature']!r}.")
        return a

    def _make_classifier(self, a: dict) -> nn.Sequential:
        layers: List[nn.Module] = [GradientReversal(a['alpha'])]
        channels = self.in_channels
        for _ in range(int(a['num_hidden_layers'])):
            layers += [nn.Linear(channels, a['hidden_channels']),
                       nn.BatchNorm1d(a['hidden_channels']), nn.ReLU(inplace=True)]
            channels = a['hidden_channels']
        layers.append(nn.Linear(channels, a['num_classes']))
        return nn.Sequential(*layers)

    def _check_recognizer(self, parent: nn.Module) -> None:
        if type(parent).__name__ != 'Recognizer2D':
            return
        out_indices = getattr(getattr(parent, 'backbone', None), 'out_indices', None)
        if out_indices is not None and len(out_indices) < 2:
            raise ValueError(
                'AdversarialAspectNeck in a Recognizer2D: mmaction reshapes a single-stage '
                'backbone output per frame before calling the neck (it fails unless the '
                f'channels divide by num_segs). Set model.backbone.out_indices to two stages, '
                f'e.g. (2, 3) for a ResNet (now {tuple(out_indices)}); the neck uses the last.')

    # ------------------------------------------------------------------ forward
    def _pool(self, x, views: int = 1) -> Tuple[object, torch.Tensor]:
        """(features to return, pooled [N * views, C])."""
        if isinstance(x, torch.Tensor):
            return x, (x.flatten(2).mean(dim=2) if x.dim() > 2 else x)
        if isinstance(x, tuple):  # Recognizer3D with a multi-pathway backbone
            return x, torch.cat([t.flatten(2).mean(dim=2) for t in x], dim=1)
        if isinstance(x, list) and x and all(isinstance(t, torch.Tensor) for t in x):
            last = x[-1]
            if last.dim() != 5:
                raise ValueError(
                    'AdversarialAspectNeck: Recognizer2D passed per-frame maps of shape '
                    f'{tuple(last.shape)}; it expects per-stage maps [N, C, segs, H, W]. Set '
                    'model.backbone.out_indices to two stages, e.g. (2, 3).')
            n, c, segs, h, w = last.shape
            if segs % views:
                raise ValueError(f'AdversarialAspectNeck: {segs} segments for {views} views.')
            # segment average per view: [N, C, V, H, W] -> [N * V, C, 1, H, W]
            out = last.reshape(n, c, views, segs // views, h, w).mean(dim=3)
            out = out.transpose(1, 2).reshape(n * views, c, 1, h, w)
            return out, out.flatten(2).mean(dim=2)
        raise TypeError('AdversarialAspectNeck: expected a tensor, a tuple (Recognizer3D) or '
                        f'a list (Recognizer2D) of feature maps, got {type(x).__name__}.')

    def forward(self, x, data_samples: Optional[SampleList] = None
                ) -> Tuple[object, Dict[str, torch.Tensor]]:
        views = paired_views(data_samples) if data_samples is not None else 1
        out, pooled = self._pool(x, views)
        if data_samples is None:
            return out, {}
        if pooled.shape[1] != self.in_channels:
            raise ValueError(f'AdversarialAspectNeck: in_channels={self.in_channels} but the '
                             f'pooled features have {pooled.shape[1]} channels; set '
                             f'model.neck.in_channels={pooled.shape[1]}.')
        if len(data_samples) * views != pooled.shape[0]:
            raise ValueError(f'AdversarialAspectNeck: {len(data_samples)} data samples for '
                             f'{pooled.shape[0]} clips; multi-clip training inputs are not '
                             'supported (use num_clips=1 for 3D training pipelines).')
        finite = torch.isfinite(pooled.detach()).all(dim=1)
        if not bool(finite.all()):
            bad = sorted({int(i) // views for i in (~finite).nonzero().flatten()})
            raise ValueError(
                'AdversarialAspectNeck: the pooled features are non-finite (NaN/inf) for data '
                f'samples {bad[:10]} ({", ".join(_describe(data_samples[i]) for i in bad[:3])})'
                f': {NAN_FIX}.')
        if views > 1:
            # HumanMask(mode='pair'): view 0 is the original clip, the only one used here
            pooled = pooled.view(len(data_samples), views, -1)[:, 0]
            keep = torch.ones(len(data_samples), dtype=torch.bool, device=pooled.device)
        elif self.exclude_flag:
            keep = torch.tensor([not _truthy(_get(s, self.exclude_flag)) for s in data_samples],
                                dtype=torch.bool, device=pooled.device)
        else:
            keep = torch.ones(len(data_samples), dtype=torch.bool, device=pooled.device)
        losses = {}
        for a in self.aspects:
            with _single_sample_bn(self.classifiers[a['name']], pooled.shape[0]):
                logits = self.classifiers[a['name']](pooled).float()
            targets, labelled = self._targets(a, data_samples, logits.device)
            labelled &= keep
            name = a['name']
            if not labelled.any():
                # zero, but connected to every parameter of the classifier and the backbone
                losses[f'loss_{name}'] = logits.sum() * 0.0
                continue
            z, y = logits[labelled], targets[labelled]
            losses[f'loss_{name}'] = a['loss_weight'] * _aspect_loss(a, z, y)
            with torch.no_grad():
                pred = z.argmax(dim=1)
                if a['label_type'] == 'multi':
                    hit = y.gather(1, pred[:, None]).squeeze(1) > 0.5
                elif a['label_type'] == 'single':
                    hit = pred == y
                else:
                    hit = pred == y.argmax(dim=1)
                losses[f'{name}_acc'] = hit.float().mean()
                if a['label_type'] == 'multi':
                    ap = _batch_mean_ap(z.float(), y)
                    if ap is not None:
                        losses[f'{name}_mAP'] = ap
        return out, losses

    def _targets(self, a: dict, data_samples: SampleList,
                 device) -> Tuple[torch.Tensor, torch.Tensor]:
        k, kind, key = a['num_classes'], a['label_type'], a['label_key']
        n = len(data_samples)
        labelled = torch.zeros(n, dtype=torch.bool)
        if kind == 'single':
            targets = torch.zeros(n, dtype=torch.long)
        else:
            targets = torch.zeros(n, k, dtype=torch.float32)
        for i, sample in enumerate(data_samples):
            value = _get(sample, key)
            if value is None:
                continue
            where = (f"aspect {a['name']!r}, data sample {i} "
                     f"({_describe(sample)}), field {key!r}")
            v = torch.as_tensor(np.asarray(value.detach().cpu() if isinstance(
                value, torch.Tensor) else value, dtype=np.float64))
            if not torch.isfinite(v).all():
                raise ValueError(f'AdversarialAspectNeck: non-finite label in {where}: fix the '
                                 'label file (unlabelled samples use -1 or no field).')
            if v.numel() == 1 and v.dim() <= 1 and k != 1:
                idx = float(v.reshape(()))
                if idx < 0:
                    continue  # explicit 'unlabelled' marker
                if idx != int(idx) or idx >= k:
                    raise ValueError(f'AdversarialAspectNeck: class index {idx} out of range '
                                     f'[0, {k}) in {where}.')
                if kind == 'single':
                    targets[i] = int(idx)
                else:
                    targets[i, int(idx)] = 1.0
            elif v.dim() == 1 and v.numel() == k:
                if (v < 0).any():
                    raise ValueError(f'AdversarialAspectNeck: negative entries in the label '
                                     f'vector of {where}.')
                if kind == 'single':
                    if not a['soft_to_hard']:
                        raise ValueError(
                            f'AdversarialAspectNeck: {where} is a vector but label_type is '
                            "'single'; set soft_to_hard=True to use its argmax, or "
                            "label_type='soft'.")
                    targets[i] = int(v.argmax())
                elif kind == 'soft':
                    total = float(v.sum())
                    if total <= 0:
                        raise ValueError(f'AdversarialAspectNeck: all-zero probability vector '
                                         f'in {where}; use -1 for unlabelled samples.')
                    targets[i] = (v / total).float()
                else:
                    if (v > 1).any():
                        raise ValueError(f'AdversarialAspectNeck: multi-hot entries must be in '
                                         f'[0, 1] in {where}.')
                    targets[i] = v.float()
            else:
                raise ValueError(f'AdversarialAspectNeck: label of shape {tuple(v.shape)} in '
                                 f'{where}; expected an int or a vector of length {k}.')
            labelled[i] = True
        return targets.to(device), labelled.to(device)


def _aspect_loss(a: dict, z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    if a['label_type'] == 'single':
        return F.cross_entropy(z, y)
    if a['label_type'] == 'multi':
        return F.binary_cross_entropy_with_logits(z, y)
    t = float(a['temperature'])
    log_q = F.log_softmax(z / t, dim=1)
    p = y if t == 1.0 else F.softmax(torch.log(y.clamp_min(1e-12)) / t, dim=1)
    loss = z.new_zeros(())
    if a['soft_ce_weight']:
        loss = loss + a['soft_ce_weight'] * -(p * log_q).sum(dim=1).mean()
    if a['kl_weight']:
        kl = (torch.xlogy(p, p) - p * log_q).sum(dim=1).mean()
        loss = loss + a['kl_weight'] * kl
    return loss * t * t


def _batch_mean_ap(scores: torch.Tensor, targets: torch.Tensor) -> Optional[torch.Tensor]:
    """Mean over tags with >= 1 positive of AP = mean precision at the positives' ranks."""
    pos = targets > 0.5
    valid = pos.any(dim=0)
    if not valid.any():
        return None
    aps = []
    for k in torch.nonzero(valid).flatten().tolist():
        order = torch.argsort(scores[:, k], descending=True, stable=True)
        hits = pos[order, k].float()
        precision = hits.cumsum(0) / torch.arange(1, len(hits) + 1, device=hits.device)
        aps.append((precision * hits).sum() / hits.sum())
    return torch.stack(aps).mean()


def _get(sample, key: Optional[str]):
    if key is None:
        return None
    return sample.get(key, None) if hasattr(sample, 'get') else getattr(sample, key, None)


def _truthy(value) -> bool:
    if value is None:
        return False
    if isinstance(value, torch.Tensor):
        return bool(value.any())
    return bool(np.any(value))


def _describe(sample) -> str:
    meta = getattr(sample, 'metainfo', {}) or {}
    for key in ('filename', 'video_id', 'img_key'):
        if key in meta:
            return f'{key}={meta[key]}'
    return 'no filename in metainfo'


@contextmanager
def _single_sample_bn(module: nn.Module, batch_size: int):
    """BatchNorm1d cannot train on one sample: use the running statistics for that batch."""
    bns = [m for m in module.modules() if isinstance(m, nn.BatchNorm1d) and m.training]
    if batch_size > 1 or not bns:
        yield
        return
    try:
        for m in bns:
            m.train(False)
        yield
    finally:
        for m in bns:
            m.train(True)
