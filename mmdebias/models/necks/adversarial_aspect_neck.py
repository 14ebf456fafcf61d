import warnings
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn as nn
from mmaction.models.recognizers import Recognizer2D
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from mmengine.model import BaseModule

from ...utils.checks import check_choice, check_weight
from ...utils.deprecation import REMOVAL_DATE
from ..losses.checks import NAN_FIX
from ..utils import describe_sample, last_stage_map, paired_views

LABEL_TYPES = ('soft', 'single', 'multi')
#: Defaults of the compact ``aspects=[...]`` form by ``preset``: SDN (Choi et al. 2019) soft
#: cross entropy; SMAD (Duan et al. 2022) 0.5 soft CE + 0.5 KL on soft labels, BCE with
#: weight 5 on multi-hot tags, every weight divided by the number of aspects. The same
#: recipes as adversary configs: ``configs/_base_/models/adversaries/``.
PRESETS = {
    'sdn': dict(normalize_by_num_aspects=False, soft_ce_weight=1.0, kl_weight=0.0,
                multi_loss_weight=1.0),
    'smad': dict(normalize_by_num_aspects=True, soft_ce_weight=0.5, kl_weight=0.5,
                 multi_loss_weight=5.0),
}


@MODELS.register_module()
class AdversarialAspectNeck(BaseModule):
    r"""Adversarial side-label classifiers (scene, object, ...) on the pooled clip feature.

    One adversary per *aspect* a (SDN: the scene; SMAD: scene, object, event, ...), each a
    registered module with its own loss (:class:`AspectAdversary`,
    :class:`MultiLabelAspectAdversary`: gradient reversal, an MLP, ``loss=dict(type=...)``)::

        neck=dict(type='AdversarialAspectNeck', in_channels=2048, adversaries=[
            dict(type='AspectAdversary', name='scene', num_classes=365,
                 loss=dict(type='CrossEntropyLoss'))])

    or, with the recipes of ``configs/_base_/models/adversaries/`` in ``_base_``,
    ``adversaries=[{{_base_.sdn_scene_adversary}}]``. The neck pools the features, picks
    the clips that take part and adds up nothing: it returns every adversary's
    ``loss_<name>`` (and metrics) for mmaction to sum,

    .. math:: L = \sum_a \frac{w_a}{|S_a|} \sum_{i \in S_a} \ell_a(z_{a,i}, y_{a,i}),

    with :math:`w_a / N` instead of :math:`w_a` when ``normalize_by_num_aspects`` (SMAD's
    MAAT: :math:`L_{MAAT} = \frac{1}{N} \sum_{a=1}^{N} w_a \ell_a`).

    References: Choi et al., "Why Can't I Dance in the Mall? Learning to Mitigate Scene Bias
    in Action Recognition", NeurIPS 2019 (SDN); Duan et al., "Mitigating Representation Bias
    in Action Recognition: Algorithms and Benchmarks", ECCV 2022 workshops (SMAD).

    **Where it sits.** As ``model.neck`` of a stock recognizer: in training mmaction calls
    ``x, loss_aux = neck(x, data_samples=...)`` and merges ``loss_aux`` into the losses; at
    test time, and in ALBAR's static pass, ``neck(x)`` returns ``(x, {})`` without running
    an adversary. Inputs follow what mmaction passes:

    - ``Recognizer3D``: a tensor ``[N, C, T, H, W]`` (or a tuple of them, e.g. SlowFast:
      pooled features are concatenated), returned **unchanged**.
    - ``Recognizer2D``: a *list* of per-stage maps ``[N, C, segs, H, W]``. mmaction only
      builds that list correctly from a multi-stage backbone output, so TSN needs
      ``backbone.out_indices`` with two or more stages, e.g. ``(2, 3)`` (checked at build
      time). The last stage is used; the neck returns its segment average ``[N, C, 1, H, W]``
      which mmaction squeezes to ``[N, C, H, W]`` and hands to the head with ``num_segs=1``:
      for average-consensus heads (TSN) the predictions are the same as without the neck.
      A ``DebiasRecognizer2D`` checks ``out_indices`` at build time
      (:meth:`setup_in_recognizer`); in a stock ``Recognizer2D`` a single-stage backbone
      fails at the first step (mmaction's reshape, or this neck's error naming
      ``out_indices``).

    **Which clips.** Labels come from ``LoadAspectLabels`` (see :class:`AspectAdversary`);
    unlabelled clips are left out of that aspect. Samples flagged by ``exclude_flag``
    (default ``'human_masked'``: SDN applies the adversarial loss to original clips only) are
    left out of every aspect; with ``HumanMask(mode='pair')`` (two views per sample) only the
    original view enters, and for Recognizer2D the neck returns one segment average per view.
    Pooled features that hold a NaN / inf are a ``ValueError`` naming the data samples,
    raised before any aspect loss turns NaN.

    **Deprecated compact form** (0.1 development configs; a ``FutureWarning``, removed after
    2027-06-30, :data:`mmdebias.utils.deprecation.REMOVAL_DATE`): ``aspects=[dict(name='scene',
    num_classes=365, label_type='soft', ...)]`` with ``preset='sdn'`` (default) or
    ``'smad'``; each entry becomes an adversary config by :func:`aspect_to_adversary` (same
    losses, same numbers) and the warning prints the equivalent ``adversaries=[...]``.

    Checkpoints: the adversaries' parameters are saved under
    ``neck.adversaries.<name>.classifier.``; those of the compact-form neck before this
    change (``neck.classifiers.<name>.``) load too.

    Args:
        in_channels (int): Channels of the (last) feature map; for a tuple input, the sum.
        adversaries (list[dict]): Adversary configs (``in_channels`` is filled in), names
            unique.
        normalize_by_num_aspects (bool, optional): Divide every adversary's ``loss_weight``
            by the number of adversaries (SMAD). Defaults to False (with ``aspects``: the
            preset's).
        exclude_flag (str, optional): Data-sample field; samples where it is truthy are left
            out of the aspect losses. Defaults to ``'human_masked'``.
        aspects (list[dict], optional): Deprecated (removed after 2027-06-30): the compact
            form, instead of ``adversaries``.
        preset (str, optional): Deprecated with ``aspects``: ``'sdn'`` or ``'smad'``,
            defaults of the compact form.
        init_cfg (dict, optional): Init config.
    """

    def __init__(self,
                 in_channels: int,
                 adversaries: Optional[Sequence[dict]] = None,
                 normalize_by_num_aspects: Optional[bool] = None,
                 exclude_flag: Optional[str] = 'human_masked',
                 aspects: Optional[Sequence[dict]] = None,
                 preset: Optional[str] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not isinstance(in_channels, int) or in_channels <= 0:
            raise ValueError(f'AdversarialAspectNeck: in_channels must be a positive int, '
                             f'got {in_channels!r}.')
        if (adversaries is None) == (aspects is None):
            raise ValueError('AdversarialAspectNeck: give adversaries=[dict(type='
                             "'AspectAdversary', name='scene', num_classes=365), ...] (or the "
                             'compact aspects=[...] form), exactly one of them.')
        if aspects is not None:
            preset = preset or 'sdn'
            check_choice(preset, sorted(PRESETS), 'AdversarialAspectNeck: preset')
            if normalize_by_num_aspects is None:
                normalize_by_num_aspects = PRESETS[preset]['normalize_by_num_aspects']
            if isinstance(aspects, dict) or not aspects:
                raise ValueError('AdversarialAspectNeck: aspects must be a non-empty list of '
                                 "dicts, e.g. [dict(name='scene', num_classes=365)].")
            adversaries = [aspect_to_adversary(a, preset) for a in aspects]
            explicit = (f'normalize_by_num_aspects={bool(normalize_by_num_aspects)}, '
                        if normalize_by_num_aspects else '')
            warnings.warn(
                'AdversarialAspectNeck: the compact aspects=[...] / preset= form is deprecated '
                f'and will be removed after {REMOVAL_DATE}; write the explicit form '
                f'(the same model): dict(type=\'AdversarialAspectNeck\', {explicit}'
                f'adversaries={[{"type": a["type"], **a} for a in adversaries]!r}) or use the '
                'recipes of configs/_base_/models/adversaries/.', FutureWarning, stacklevel=2)
        elif preset is not None:
            raise ValueError('AdversarialAspectNeck: preset only applies to the compact '
                             'aspects=[...] form; with adversaries=[...] use the configs of '
                             'configs/_base_/models/adversaries/ (and normalize_by_num_aspects).')
        if isinstance(adversaries, dict) or not adversaries:
            raise ValueError('AdversarialAspectNeck: adversaries must be a non-empty list of '
                             "configs, e.g. [dict(type='AspectAdversary', name='scene', "
                             'num_classes=365)].')
        self.in_channels = in_channels
        self.exclude_flag = exclude_flag
        self.normalize_by_num_aspects = bool(normalize_by_num_aspects)
        self.adversaries = nn.ModuleDict()
        for cfg in adversaries:
            adversary = MODELS.build(dict(cfg, in_channels=in_channels))
            if adversary.name in self.adversaries:
                raise ValueError(f'AdversarialAspectNeck: aspect name {adversary.name!r} '
                                 'appears twice.')
            if self.normalize_by_num_aspects:
                adversary.loss_weight /= len(adversaries)
            self.adversaries[adversary.name] = adversary

    def setup_in_recognizer(self, parent: nn.Module) -> None:
        """Build-time check, called by ``DebiasRecognizer2D`` / ``3D``."""
        if not isinstance(parent, Recognizer2D):
            return
        out_indices = getattr(getattr(parent, 'backbone', None), 'out_indices', None)
        if out_indices is not None and len(out_indices) < 2:
            raise ValueError(
                'AdversarialAspectNeck in a Recognizer2D: mmaction reshapes a single-stage '
                'backbone output per frame before calling the neck (it fails unless the '
                f'channels divide by num_segs). Set model.backbone.out_indices to two stages, '
                f'e.g. (2, 3) for a ResNet (now {tuple(out_indices)}); the neck uses the last.')

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # checkpoints before the adversaries were modules: <prefix>classifiers.<name>.<i>.*
        old, new = prefix + 'classifiers.', prefix + 'adversaries.'
        for key in [k for k in state_dict if k.startswith(old)]:
            name, rest = key[len(old):].split('.', 1)
            state_dict[f'{new}{name}.classifier.{rest}'] = state_dict.pop(key)
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)

    # ------------------------------------------------------------------ forward
    def _pool(self, x, views: int = 1) -> Tuple[object, torch.Tensor]:
        """(features to return, pooled [N * views, C])."""
        if isinstance(x, torch.Tensor):
            return x, (x.flatten(2).mean(dim=2) if x.dim() > 2 else x)
        if isinstance(x, tuple):  # Recognizer3D with a multi-pathway backbone
            return x, torch.cat([t.flatten(2).mean(dim=2) for t in x], dim=1)
        last = last_stage_map(x, 'AdversarialAspectNeck')
        if last is not None:
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
                f'samples {bad[:10]} ({", ".join(describe_sample(data_samples[i]) for i in bad[:3])})'
                f': {NAN_FIX}.')
        keep = torch.ones(len(data_samples), dtype=torch.bool, device=pooled.device)
        if views > 1:
            # HumanMask(mode='pair'): view 0 is the original clip, the only one used here
            pooled = pooled.view(len(data_samples), views, -1)[:, 0]
        elif self.exclude_flag:
            keep = torch.tensor([not _truthy(s.get(self.exclude_flag, None))
                                 for s in data_samples], dtype=torch.bool, device=pooled.device)
        losses: Dict[str, torch.Tensor] = {}
        for adversary in self.adversaries.values():
            losses.update(adversary.loss(pooled, data_samples, keep))
        return out, losses


def aspect_to_adversary(aspect: dict, preset: str = 'sdn') -> dict:
    """The adversary config of one entry of the compact ``aspects=[...]`` form.

    ``label_type='soft'`` (default): :class:`AspectAdversary` with
    ``soft_ce_weight`` x ``CrossEntropyLoss`` + ``kl_weight`` x ``KLDivergenceLoss``;
    ``'single'``: the same with ``hard_labels=True`` and plain cross entropy (``soft_to_hard``
    is implied: the class index is the argmax of the label vector); ``'multi'``:
    :class:`MultiLabelAspectAdversary` with ``BCELossWithLogits``. Weights the entry leaves
    out come from ``PRESETS[preset]``; other keys (``name``, ``num_classes``,
    ``loss_weight``, ``hidden_channels``, ``num_hidden_layers``, ``grl_lambda``, ``label_key``)
    are the adversary's own arguments (``alpha``, the GRL strength's former name, becomes
    ``grl_lambda``).
    """
    if not isinstance(aspect, dict) or 'name' not in aspect or 'num_classes' not in aspect:
        raise ValueError('AdversarialAspectNeck: each aspect needs at least name and '
                         f'num_classes, e.g. dict(name="scene", num_classes=365); got {aspect!r}')
    cfg, defaults = dict(aspect), PRESETS[preset]
    label_type = cfg.pop('label_type', 'soft')
    check_choice(label_type, LABEL_TYPES,
                 f"AdversarialAspectNeck: aspect {cfg['name']!r}: label_type")
    temperature = cfg.pop('temperature', 1.0)
    if temperature != 1.0:
        raise ValueError(f"AdversarialAspectNeck: aspect {cfg['name']!r}: temperature="
                         f'{temperature!r} is not supported (only 1.0); soften the labels '
                         'when writing the label file instead.')
    cfg.pop('soft_to_hard', None)
    if 'alpha' in cfg and 'grl_lambda' not in cfg:  # the GRL strength's former name
        cfg['grl_lambda'] = cfg.pop('alpha')
    where = f"AdversarialAspectNeck: aspect {cfg['name']!r}"
    soft_ce = check_weight(cfg.pop('soft_ce_weight', defaults['soft_ce_weight']),
                           f'{where}: soft_ce_weight (of CrossEntropyLoss)')
    kl = check_weight(cfg.pop('kl_weight', defaults['kl_weight']),
                      f'{where}: kl_weight (of KLDivergenceLoss)')
    if label_type == 'multi':
        cfg.setdefault('loss_weight', defaults['multi_loss_weight'])
        return dict(cfg, type='MultiLabelAspectAdversary', loss=dict(type='BCELossWithLogits'))
    if label_type == 'single':
        return dict(cfg, type='AspectAdversary', hard_labels=True,
                    loss=dict(type='CrossEntropyLoss'))
    losses: List[dict] = []
    for loss_type, weight in (('CrossEntropyLoss', soft_ce), ('KLDivergenceLoss', kl)):
        if weight:
            losses.append(dict(type=loss_type) if weight == 1 else
                          dict(type=loss_type, loss_weight=float(weight)))
    if not losses:
        raise ValueError(f"AdversarialAspectNeck: aspect {cfg['name']!r}: soft_ce_weight and "
                         'kl_weight are both 0, so the aspect has no loss.')
    return dict(cfg, type='AspectAdversary', loss=losses if len(losses) > 1 else losses[0])


def _truthy(value) -> bool:
    if value is None:
        return False
    if isinstance(value, torch.Tensor):
        return bool(value.any())
    return bool(np.any(value))
