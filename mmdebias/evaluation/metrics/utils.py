"""Conversions and checks of the data-sample fields the metrics read (tensors on any device).

The metrics check every sample once, in ``process`` (the boundary): non-finite or malformed
scores, labels that are not class indices of the scores, and name the sample in the error
(:func:`describe`), so a NaN model or a wrong label file never turns into a plausible
accuracy (``argmax`` of all-NaN scores is class 0).
"""
import math
from typing import Optional

import numpy as np
import torch

NONFINITE_FIX = ('the model produced NaN/inf scores: check the checkpoint (a NaN-trained or '
                 'mismatched one) and the inputs (NaN pixels)')


def to_numpy(scores) -> np.ndarray:
    """Class scores (tensor on any device, or array-like) as a float32 numpy array."""
    if isinstance(scores, torch.Tensor):
        scores = scores.detach().cpu().float().numpy()
    return np.asarray(scores, dtype=np.float32)


def describe(sample) -> str:
    """How errors name a data sample: ``video_id='v_001'`` (or ``pair_id``, ``filename``),
    with its protocol when it has one."""
    get = sample.get if hasattr(sample, 'get') else (lambda k, d=None: getattr(sample, k, d))
    name = 'data sample (no video_id, pair_id or filename in its metainfo)'
    for key in ('video_id', 'pair_id', 'filename', 'img_key'):
        if get(key) is not None:
            name = f'data sample {key}={get(key)!r}'
            break
    protocol = get('protocol')
    return name + (f' (protocol {protocol!r})' if protocol is not None else '')


def check_scores(sample, metric: str, num_classes: Optional[int] = None) -> np.ndarray:
    """``sample['pred_score']`` as a finite 1-D float32 array of ``num_classes`` (if given)
    scores; a ``ValueError`` naming the sample otherwise."""
    scores = to_numpy(sample['pred_score'])
    if scores.ndim != 1 or scores.size == 0:
        raise ValueError(f'{metric}: {describe(sample)} has pred_score of shape '
                         f'{tuple(scores.shape)}; expected one score per class, shape (K,) '
                         '(average multi-clip scores in the head: average_clips).')
    if num_classes is not None and scores.size != num_classes:
        raise ValueError(f'{metric}: {describe(sample)} has scores for {scores.size} classes, '
                         f'earlier samples for {num_classes}; evaluate one model on one '
                         'label space.')
    if not np.isfinite(scores).all():
        bad = np.flatnonzero(~np.isfinite(scores))
        raise ValueError(f'{metric}: pred_score of {describe(sample)} is non-finite '
                         f'({scores[bad[0]]} at classes {bad[:10].tolist()}); {NONFINITE_FIX}.')
    return scores


def to_label(label, where: str = 'label') -> int:
    """A single class label (int, or a tensor / array holding one integral value) as an int;
    ``where`` names it in errors (bools and fractional values are refused)."""
    if isinstance(label, (torch.Tensor, np.ndarray)):
        count = label.numel() if isinstance(label, torch.Tensor) else label.size
        if count != 1:
            raise ValueError(f'{where}: expected a single label, got {label}')
        label = label.item()
    if isinstance(label, (bool, np.bool_)):
        raise ValueError(f'{where}: expected an int class index, got {label!r}')
    if isinstance(label, (float, np.floating)):
        if not (math.isfinite(label) and float(label).is_integer()):
            raise ValueError(f'{where}: expected an int class index, got {label!r}')
        return int(label)
    if not isinstance(label, (int, np.integer)):
        raise ValueError(f'{where}: expected an int class index, got {label!r}')
    return int(label)


def check_label(label, sample, metric: str, num_classes: int, key: str = 'gt_label') -> int:
    """``label`` as a class index in ``[0, num_classes)``; errors name the sample."""
    value = to_label(label, f'{metric}: {key} of {describe(sample)}')
    if not 0 <= value < num_classes:
        raise ValueError(f'{metric}: {describe(sample)} has {key} {value}, outside the class '
                         f'indices [0, {num_classes}) of its pred_score; fix the annotation '
                         'file or evaluate with the model of this label space.')
    return value
