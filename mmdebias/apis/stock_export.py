"""Export a debiasing checkpoint as a stock MMAction2 one: the backbone and a plain head.

The debiasing methods of mmdebias train a stock recognizer plus parts that only matter during
training: the objectives of :class:`~mmdebias.models.DebiasHead` (ALBAR's static pass, a
product-of-experts static expert, a bias model, SDN's released-mode confusion classifier),
the adversaries of :class:`~mmdebias.models.AdversarialAspectNeck` (SDN / SMAD), the static
clip sampler and the blendings of the data preprocessor. For transfer -- SDN fine-tunes the
debiased backbone on UCF101 / HMDB51 / Diving48 after removing "the scene prediction and the
human-masked action prediction heads" (Choi et al., NeurIPS 2019, section 3.1) -- only the
backbone and the action head are wanted, under the keys a stock config expects.

**Key map** (applied in this order; :data:`KEY_MAP`):

=================================  ===========================================  ==========
source key                         what it is                                   exported as
=================================  ===========================================  ==========
``backbone.*``                     the feature extractor                        unchanged
``cls_head.head.*``                wrapped stock head (older, unstripped form)  ``cls_head.*``
``cls_head.objectives.<i>.*``      objectives' own modules and buffers          dropped
``cls_head.confusion.*``           former stand-alone confusion classifier      dropped
``neck.*`` (adversarial neck)      scene / object adversaries                   dropped
``data_preprocessor.*``            mmdebias preprocessor / blending state       dropped
``cls_head.*``                     the action head                              unchanged,
                                                                                or dropped
                                                                                (drop_head)
=================================  ===========================================  ==========

The model config goes through the same map (:func:`stock_model_config`):
``DebiasRecognizer2D`` / ``3D`` becomes MMAction2's ``Recognizer2D`` / ``3D`` (same keys), a
``DebiasHead`` /
``ALBARHead`` / ``HumanMaskConfusionHead`` becomes the head it wraps, an adversarial neck
(``AdversarialAspectNeck``, or a ``SequentialNeck`` of them) is removed -- and with it the
multi-stage ``backbone.out_indices`` that mmaction's ``Recognizer2D`` needs only for a neck --,
``StaticClipSampler`` becomes ``ActionDataPreprocessor`` and mmdebias blendings are left out
(training-time augmentations; a stock config brings its own). A model that keeps an mmdebias
part at test time cannot be stock: ``SAARNeck`` re-weights the features the head sees (SMAD),
so exporting it is an error that says so.

The exported file holds the state dict and a ``meta`` of plain strings and numbers (it loads
under torch's ``weights_only`` without mmdebias), and :func:`export_stock_checkpoint` checks it
by loading it with ``strict=True`` into the stock recognizer built from the stock config (or
its backbone alone) before writing.
"""
import copy
import re
from collections import OrderedDict
from typing import Dict, List, Optional, Tuple

import torch
from mmaction.registry import MODELS

#: (pattern, replacement, what) -- replacement None drops the key. ``neck.`` only applies
#: when the model's neck is an adversarial neck (see :func:`stock_model_config`).
KEY_MAP = [
    (r'^cls_head\.head\.', 'cls_head.', 'wrapped stock head (unstripped key form)'),
    (r'^cls_head\.objectives\.', None,
     'debiasing objectives (static / bias experts, confusion classifier, counters)'),
    (r'^cls_head\.confusion\.', None, 'former HumanMaskConfusionHead confusion classifier'),
    (r'^neck\.', None, 'adversarial neck (scene / object / ... adversaries)'),
    (r'^data_preprocessor\.', None, 'mmdebias data preprocessor / blending state'),
]
#: necks that only add training losses (their forward returns the features unchanged, up
#: to mmaction's Recognizer2D segment average, which the stock head's consensus equals)
LOSS_ONLY_NECKS = ('AdversarialAspectNeck', )
#: the blendings' data preprocessor argument
BLENDING_KEY = 'blending'


def is_mmdebias_type(type_name) -> bool:
    """Whether a config ``type`` names a class defined by mmdebias (not a stock one)."""
    cls = MODELS.get(type_name) if isinstance(type_name, str) else type_name
    return cls is not None and getattr(cls, '__module__', '').split('.')[0] == 'mmdebias'


def _type_name(cfg) -> str:
    kind = cfg.get('type') if isinstance(cfg, dict) else None
    return kind if isinstance(kind, str) else getattr(kind, '__name__', str(kind))


def _is_loss_only_neck(neck: dict) -> bool:
    name = _type_name(neck)
    if name in LOSS_ONLY_NECKS:
        return True
    if name == 'SequentialNeck':
        return all(_is_loss_only_neck(n) for n in neck.get('necks', []))
    return False


def stock_model_config(model_cfg: dict) -> Dict:
    """The stock MMAction2 model config of a debiasing model config (see the module
    docstring). Raises ``ValueError`` naming the part when the model keeps an mmdebias
    component at test time."""
    if not isinstance(model_cfg, dict) or 'type' not in model_cfg:
        raise TypeError(f'stock_model_config: expected a model config dict with a type, got '
                        f'{type(model_cfg).__name__}.')
    cfg = copy.deepcopy(dict(model_cfg))
    if _type_name(cfg) in ('DebiasRecognizer2D', 'DebiasRecognizer3D'):
        cfg['type'] = _type_name(cfg)[len('Debias'):]  # runs ALBAR's static pass; same keys
    head = cfg.get('cls_head')
    if isinstance(head, dict) and is_mmdebias_type(head.get('type')):
        if 'head' not in head:
            raise ValueError(f"stock_model_config: model.cls_head (type='{_type_name(head)}') "
                             'wraps no stock head (no head=dict(...)); it has no stock '
                             'equivalent.')
        cfg['cls_head'] = copy.deepcopy(dict(head['head']))
    neck = cfg.get('neck')
    if isinstance(neck, dict) and is_mmdebias_type(neck.get('type')):
        if not _is_loss_only_neck(neck):
            raise ValueError(
                f"stock_model_config: model.neck (type='{_type_name(neck)}') changes the "
                'features the head sees at test time (SAARNeck re-weights them), so the model '
                'has no stock equivalent. Load it with its own config (custom_imports='
                "dict(imports=['mmdebias'])), or export the backbone alone (backbone_only / "
                '--backbone-only), which leaves the SAAR weights out.')
        del cfg['neck']
        backbone = cfg.get('backbone', {})
        out_indices = backbone.get('out_indices') if isinstance(backbone, dict) else None
        if _type_name(cfg) == 'Recognizer2D' and out_indices is not None and \
                len(tuple(out_indices)) > 1:
            # the adversarial neck needed every stage; the stock head reads the last one
            backbone['out_indices'] = (tuple(out_indices)[-1], )
    preprocessor = cfg.get('data_preprocessor')
    if isinstance(preprocessor, dict):
        if _type_name(preprocessor) == 'StaticClipSampler':
            preprocessor = {k: v for k, v in preprocessor.items() if k != 'frame_index'}
            preprocessor['type'] = 'ActionDataPreprocessor'
        blending = preprocessor.get(BLENDING_KEY)
        if isinstance(blending, dict) and is_mmdebias_type(blending.get('type')):
            preprocessor = {k: v for k, v in preprocessor.items() if k != BLENDING_KEY}
        cfg['data_preprocessor'] = preprocessor
    left = list(_mmdebias_parts(cfg, 'model'))
    if left:
        path, name = left[0]
        raise ValueError(f"stock_model_config: {path} (type='{name}') is an mmdebias "
                         'component with no stock equivalent; the export knows how to drop '
                         'debiasing heads, adversarial necks, StaticClipSampler and blendings.')
    return cfg


def _mmdebias_parts(cfg, path: str):
    """``(path, type)`` of every mmdebias type left in a config tree."""
    if isinstance(cfg, dict):
        if 'type' in cfg and is_mmdebias_type(cfg['type']):
            yield path, _type_name(cfg)
        for key, value in cfg.items():
            yield from _mmdebias_parts(value, f'{path}.{key}')
    elif isinstance(cfg, (list, tuple)):
        for i, value in enumerate(cfg):
            yield from _mmdebias_parts(value, f'{path}[{i}]')


def stock_state_dict(state_dict: Dict[str, torch.Tensor], model_cfg: dict,
                     drop_head: bool = False, backbone_only: bool = False
                     ) -> Tuple['OrderedDict[str, torch.Tensor]', Dict[str, List[str]]]:
    """Apply :data:`KEY_MAP` to a recognizer state dict.

    Args:
        state_dict (dict): The debiasing recognizer's ``state_dict`` (``module.`` prefixes of
            a DDP-wrapped model are removed first).
        model_cfg (dict): Its model config (decides whether ``neck.`` keys are dropped).
        drop_head (bool): Leave the action head out as well (transfer: the target config's
            head is freshly initialised). Defaults to False.
        backbone_only (bool): Only the backbone, its keys without the ``backbone.`` prefix
            (for ``backbone.pretrained`` / ``init_cfg=dict(type='Pretrained')``). Defaults
            to False.

    Returns:
        tuple: The exported state dict and ``{what: [dropped source keys]}``.
    """
    neck = model_cfg.get('neck')
    drop_neck = isinstance(neck, dict) and is_mmdebias_type(neck.get('type'))
    if drop_neck and not _is_loss_only_neck(neck) and not backbone_only:
        stock_model_config(model_cfg)  # raises with the explanation
    out, dropped = OrderedDict(), {}
    for key, value in state_dict.items():
        key = re.sub(r'^module\.', '', key)
        new = key
        for pattern, repl, what in KEY_MAP:
            if not re.match(pattern, new):
                continue
            if pattern == r'^neck\.' and not drop_neck:
                continue
            if repl is None:
                dropped.setdefault(what, []).append(key)
                new = None
                break
            new = re.sub(pattern, repl, new)
        if new is None:
            continue
        if backbone_only and not new.startswith('backbone.'):
            dropped.setdefault('not the backbone (backbone_only)', []).append(key)
            continue
        if drop_head and new.startswith('cls_head.'):
            dropped.setdefault('action head (drop_head)', []).append(key)
            continue
        if new in out:
            raise ValueError(f'stock_state_dict: {key!r} maps to {new!r}, which another key '
                             'already gave; the checkpoint holds both the wrapped and the '
                             'stock form of the head.')
        out[new[len('backbone.'):] if backbone_only else new] = value
    return out, dropped


def check_stock_load(state_dict: Dict[str, torch.Tensor], stock_cfg: dict,
                     part: Optional[str] = None) -> None:
    """Load ``state_dict`` with ``strict=True`` into the stock recognizer of ``stock_cfg``
    (``part='backbone'``: into its backbone; ``part='features'``: every key but the head's
    must be there, the head's may be missing). Raises ``RuntimeError`` naming the keys."""
    from mmengine.registry import DefaultScope
    with DefaultScope.overwrite_default_scope('mmaction'):
        model = MODELS.build(copy.deepcopy(stock_cfg))
    target = model.backbone if part == 'backbone' else model
    expected = set(target.state_dict())
    if part == 'features':
        expected = {k for k in expected if not k.startswith('cls_head.')}
    own = target.state_dict()
    missing = sorted(expected - set(state_dict))
    unexpected = sorted(set(state_dict) - set(own))
    shapes = [f'{k} {tuple(state_dict[k].shape)} vs {tuple(own[k].shape)}'
              for k in state_dict if k in own and state_dict[k].shape != own[k].shape]
    if missing or unexpected or shapes:
        raise RuntimeError(
            'stock export: the exported keys do not fit the stock model '
            f'({_type_name(stock_cfg)} with {_type_name(stock_cfg.get("backbone", {}))}):\n'
            f'missing keys: {missing[:10]}{" ..." if len(missing) > 10 else ""}\n'
            f'unexpected keys: {unexpected[:10]}{" ..." if len(unexpected) > 10 else ""}\n'
            f'shape mismatches (checkpoint vs model): {shapes[:5]}'
            f'{" ..." if len(shapes) > 5 else ""}\n'
            'Pass the config the checkpoint was trained with.')
    result = target.load_state_dict(state_dict, strict=part != 'features')
    if part == 'features' and result.unexpected_keys:
        raise RuntimeError(f'stock export: unexpected keys {result.unexpected_keys[:10]}')


def export_stock_checkpoint(checkpoint: Dict, model_cfg: dict, drop_head: bool = False,
                            backbone_only: bool = False, source: str = '') -> Tuple[Dict, Dict]:
    """The stock checkpoint of a loaded debiasing checkpoint, checked by a strict load.

    Args:
        checkpoint (dict): What ``torch.load`` / ``mmengine``'s ``_load_checkpoint`` returned
            (a dict with ``state_dict``, or a bare state dict).
        model_cfg (dict): The model config the checkpoint was trained with.
        drop_head (bool): See :func:`stock_state_dict`.
        backbone_only (bool): See :func:`stock_state_dict`.
        source (str): Recorded in the exported ``meta`` (e.g. the source file name).

    Returns:
        tuple: ``(exported checkpoint, stock model config)``; the checkpoint is
        ``dict(meta=..., state_dict=...)``.
    """
    state = checkpoint.get('state_dict', checkpoint) if isinstance(checkpoint, dict) else None
    if not isinstance(state, dict) or not state or not all(
            isinstance(v, torch.Tensor) for v in state.values()):
        raise ValueError(f'export_stock_checkpoint: {source or "the checkpoint"} holds no '
                         'state dict of tensors (expected a dict with "state_dict", as '
                         'mmengine saves it, or a bare state dict).')
    stock_cfg = None
    if not backbone_only:
        stock_cfg = stock_model_config(model_cfg)
    exported, dropped = stock_state_dict(state, model_cfg, drop_head, backbone_only)
    check_cfg = stock_cfg if stock_cfg is not None else _backbone_model_cfg(model_cfg)
    check_stock_load(exported, check_cfg,
                     'backbone' if backbone_only else 'features' if drop_head else None)
    layout = 'backbone' if backbone_only else 'features' if drop_head else 'recognizer'
    meta = dict(mmdebias_export=dict(
        source=str(source), layout=layout,
        dropped={what: len(keys) for what, keys in dropped.items()},
        kept=len(exported)))
    return dict(meta=meta, state_dict=exported), stock_cfg


def _backbone_model_cfg(model_cfg: dict) -> Dict:
    """A minimal stock recognizer around the config's backbone (for the backbone check)."""
    cfg = dict(type=_type_name(model_cfg), backbone=copy.deepcopy(model_cfg['backbone']))
    left = list(_mmdebias_parts(cfg['backbone'], 'model.backbone'))
    if left:
        raise ValueError(f"export: {left[0][0]} (type='{left[0][1]}') is an mmdebias "
                         'component; the backbone has no stock equivalent.')
    return cfg
