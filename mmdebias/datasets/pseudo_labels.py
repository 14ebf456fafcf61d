"""Per-video pseudo labels (e.g. Places365 scene probabilities) and how videos are keyed.

File format (``.npz``, written by ``tools/data/extract_pseudo_labels.py``):

=========== ================ ==============================================================
key         dtype/shape      meaning
=========== ================ ==============================================================
``videos``  str [V]          video keys (see :func:`video_key`), unique
``probs``   float32 [V, K]   mean softmax over the scored frames of each video
``top1``    int64 [V]        ``probs.argmax(1)``
``classes`` str [K]          class names (optional; empty strings if unknown)
=========== ================ ==============================================================

A video's key is its path relative to ``data_root`` (``data_root`` given) or its basename,
extension included (``test.mp4`` and ``test.avi`` are different videos), with ``/``
separators: ``<data_root>/a/b/xyz.mp4`` is ``a/b/xyz.mp4`` or ``xyz.mp4``.

Both :func:`save_pseudo_labels` and :func:`load_pseudo_labels` check the file: an empty,
corrupt or pickled file, a repeated video key, a non-finite or negative probability, or a
``top1`` that is not ``probs.argmax(1)`` is a ``ValueError`` naming the file and the videos.

Runtime, not preparation: the files are written offline (``tools/data/``), but
:class:`LoadAspectLabels` reads them and :class:`LoadSampleWeight` keys videos with
:func:`video_key` in the data pipeline at train time, so the format stays in
:mod:`mmdebias.datasets`, with its writer beside the validator that defines it (the
runtime package never imports :mod:`mmdebias.preparation`).
"""
import os
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np

from ..utils.atomic_write import atomic_write
from ..utils.checks import UnknownKeyError, check_keys


def video_key(video: str, data_root: Optional[str] = None) -> str:
    """Key of ``video`` in the pseudo-label file and the detection cache."""
    if data_root is not None:
        rel = osp.relpath(osp.abspath(video), osp.abspath(data_root))
        if rel.startswith(os.pardir):
            raise ValueError(f'video {video} is not under data_root {data_root}')
    else:
        rel = osp.basename(video)
    return rel.replace(os.sep, '/')


def save_pseudo_labels(path: str, videos: Sequence[str], probs: np.ndarray,
                       classes: Optional[Sequence[str]] = None) -> None:
    """Validate and write a pseudo-label file (atomically)."""
    probs = np.asarray(probs, dtype=np.float32)
    videos = np.asarray(list(videos), dtype=str)
    if probs.ndim != 2 or len(probs) != len(videos):
        raise ValueError(f'{path}: probs must be [V, K] for V={len(videos)} videos, got '
                         f'{probs.shape}.')
    _check_rows(path, videos, probs)
    classes = np.asarray(list(classes) if classes is not None else [''] * probs.shape[1],
                         dtype=str)
    if len(classes) != probs.shape[1]:
        raise ValueError(f'{path}: {len(classes)} class names for {probs.shape[1]} classes.')
    with atomic_write(path) as tmp:
        np.savez(tmp, videos=videos, probs=probs, top1=probs.argmax(1).astype(np.int64),
                 classes=classes)


def _names(videos, rows) -> str:
    names = [str(v) for v in np.asarray(videos)[rows][:5]]
    more = f' ... ({int(np.count_nonzero(rows))} in all)' if np.count_nonzero(rows) > 5 else ''
    return ', '.join(names) + more


def _check_rows(path: str, videos: np.ndarray, probs: np.ndarray) -> None:
    """Unique keys, finite and non-negative probabilities; errors name the videos."""
    keys, counts = np.unique(videos, return_counts=True)
    if (counts > 1).any():
        raise ValueError(f'{path}: duplicate video keys: {", ".join(keys[counts > 1][:5])}; '
                         'every video must appear once (check --data-root: videos with the '
                         'same basename in different folders need it).')
    bad = ~np.isfinite(probs).all(axis=1)
    if bad.any():
        raise ValueError(f'{path}: non-finite probabilities for videos {_names(videos, bad)}; '
                         'the classifier produced NaN/inf (check its checkpoint).')
    bad = (probs < 0).any(axis=1)
    if bad.any():
        raise ValueError(f'{path}: negative probabilities for videos {_names(videos, bad)}.')


def load_pseudo_labels(path: str) -> Dict[str, np.ndarray]:
    """Read and check a pseudo-label file (see the module docstring)."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'pseudo-label file {path} does not exist; write it with '
                                'tools/data/extract_pseudo_labels.py.')
    fix = 'write it again with tools/data/extract_pseudo_labels.py.'
    if osp.getsize(path) == 0:
        raise ValueError(f'pseudo-label file {path} is empty (0 bytes); {fix}')
    try:
        with np.load(path, allow_pickle=False) as f:
            check_keys(f.files, ('videos', 'probs', 'top1', 'classes'), f'pseudo-label file {path}')
            missing = [k for k in ('videos', 'probs', 'top1') if k not in f.files]
            if missing:
                raise KeyError(f'pseudo-label file {path}: missing arrays {missing}; expected '
                               'videos, probs, top1 (and classes).')
            out = {k: f[k] for k in f.files}
    except (KeyError, UnknownKeyError):
        raise
    except ValueError as error:
        if 'Object arrays' in str(error):
            raise ValueError(f'pseudo-label file {path}: its arrays are pickled Python objects, '
                             f'which are not loaded (unsafe); {fix}') from error
        raise ValueError(f'cannot read pseudo-label file {path} (not an .npz file?): {error}; '
                         f'{fix}') from error
    except Exception as error:  # not an npz (zip) file, truncated
        raise ValueError(f'cannot read pseudo-label file {path}: {type(error).__name__}: '
                         f'{error}; {fix}') from error
    probs, videos = out['probs'], out['videos']
    if probs.ndim != 2 or len(probs) != len(videos):
        raise ValueError(f'pseudo-label file {path}: probs {probs.shape} does not '
                         f'match {len(videos)} videos (expected [V, K]).')
    _check_rows(path, videos.astype(str), probs)
    top1 = np.asarray(out['top1']).reshape(-1)
    wrong = top1 != probs.argmax(axis=1) if len(top1) == len(probs) else np.ones(len(probs),
                                                                                  bool)
    if wrong.any():
        raise ValueError(f'pseudo-label file {path}: top1 is not probs.argmax(1) for videos '
                         f'{_names(videos, wrong)}; {fix}')
    return out
