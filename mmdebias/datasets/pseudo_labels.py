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
"""
import os
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np


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
    if len(set(videos.tolist())) != len(videos):
        raise ValueError(f'{path}: duplicate video keys.')
    if not np.isfinite(probs).all():
        raise ValueError(f'{path}: non-finite probabilities.')
    classes = np.asarray(list(classes) if classes is not None else [''] * probs.shape[1],
                         dtype=str)
    if len(classes) != probs.shape[1]:
        raise ValueError(f'{path}: {len(classes)} class names for {probs.shape[1]} classes.')
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    tmp = f'{path}.tmp{os.getpid()}.npz'
    np.savez(tmp, videos=videos, probs=probs, top1=probs.argmax(1).astype(np.int64),
             classes=classes)
    os.replace(tmp, path)


def load_pseudo_labels(path: str) -> Dict[str, np.ndarray]:
    if not osp.isfile(path):
        raise FileNotFoundError(f'pseudo-label file {path} does not exist; write it with '
                                'tools/data/extract_pseudo_labels.py.')
    with np.load(path, allow_pickle=False) as f:
        missing = [k for k in ('videos', 'probs', 'top1') if k not in f.files]
        if missing:
            raise KeyError(f'pseudo-label file {path}: missing arrays {missing}; expected '
                           'videos, probs, top1 (and classes).')
        out = {k: f[k] for k in f.files}
    if out['probs'].ndim != 2 or len(out['probs']) != len(out['videos']):
        raise ValueError(f'pseudo-label file {path}: probs {out["probs"].shape} does not '
                         f'match {len(out["videos"])} videos.')
    return out
