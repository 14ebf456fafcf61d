"""Person-detection cache shared by ``tools/data/detect_humans.py`` and :class:`HumanMask`.

Format: one ``.npz`` file per video, at ``cache_path(video, cache_root, data_root)``:
``<cache_root>/<path of the video relative to data_root>.npz`` (or
``<cache_root>/<video basename>.npz`` when ``data_root`` is None), e.g. ``a/xyz.mp4.npz``
(see :func:`mmdebias.datasets.pseudo_labels.video_key`). Arrays:

=============== ============ ==================================================================
key             dtype/shape  meaning
=============== ============ ==================================================================
``frame_inds``  int64 [F]    0-based frame indices the detector ran on (sorted, unique)
``boxes``       float32 [B,4] person boxes ``x1, y1, x2, y2`` in pixels of the decoded frame
``scores``      float32 [B]  detector confidence of each box
``frame_of_box`` int64 [B]   frame index (one of ``frame_inds``) each box belongs to
``img_shape``   int64 [2]    ``(height, width)`` of the decoded frames
=============== ============ ==================================================================

A frame in ``frame_inds`` without boxes had no detection. Files are written atomically
(temporary file + rename), so an interrupted run never leaves a truncated file; a rerun of
``detect_humans.py`` skips every file that loads and validates and redoes the others (an
empty or corrupt file is never "already done").

:func:`validate_detections` refuses (``ValueError`` naming the file) missing arrays, length
mismatches, a non-finite score or box coordinate, negative or unsorted frame indices, boxes
of unknown frames, boxes with ``x2 < x1`` / ``y2 < y1`` and boxes wholly outside the
``img_shape`` frame (a cache of another video or frame size).
"""
import os.path as osp
from typing import Dict, Optional

import numpy as np

from ..utils.atomic_write import atomic_write
from .pseudo_labels import video_key

CACHE_KEYS = ('frame_inds', 'boxes', 'scores', 'frame_of_box', 'img_shape')


def cache_path(video: str, cache_root: str, data_root: Optional[str] = None) -> str:
    """Cache file of ``video``: ``<cache_root>/<video_key(video, data_root)>.npz``."""
    return osp.join(cache_root, video_key(video, data_root) + '.npz')


def validate_detections(det: Dict[str, np.ndarray], where: str) -> Dict[str, np.ndarray]:
    """Check and normalise the arrays of one cache entry; ``where`` names it in errors."""
    missing = [k for k in CACHE_KEYS if k not in det]
    if missing:
        raise KeyError(f'detection cache {where}: missing arrays {missing}; expected '
                       f'{list(CACHE_KEYS)} (write it with tools/data/detect_humans.py).')
    out = {
        'frame_inds': np.asarray(det['frame_inds'], dtype=np.int64).reshape(-1),
        'boxes': np.asarray(det['boxes'], dtype=np.float32).reshape(-1, 4),
        'scores': np.asarray(det['scores'], dtype=np.float32).reshape(-1),
        'frame_of_box': np.asarray(det['frame_of_box'], dtype=np.int64).reshape(-1),
        'img_shape': np.asarray(det['img_shape'], dtype=np.int64).reshape(-1),
    }
    n = len(out['boxes'])
    if len(out['scores']) != n or len(out['frame_of_box']) != n:
        raise ValueError(f'detection cache {where}: {n} boxes but {len(out["scores"])} scores '
                         f'and {len(out["frame_of_box"])} frame_of_box entries.')
    if out['img_shape'].shape != (2, ) or (out['img_shape'] <= 0).any():
        raise ValueError(f'detection cache {where}: img_shape must be (height, width), got '
                         f'{out["img_shape"].tolist()}.')
    if not np.isfinite(out['scores']).all() or not np.isfinite(out['boxes']).all():
        raise ValueError(f'detection cache {where}: NaN score or non-finite score / box '
                         'coordinate; re-run tools/data/detect_humans.py for this video.')
    fi = out['frame_inds']
    if len(fi) and fi.min() < 0:
        raise ValueError(f'detection cache {where}: frame_inds holds negative frame indices '
                         f'({int(fi.min())}); re-run tools/data/detect_humans.py for this video.')
    if len(fi) and (np.diff(fi) <= 0).any():
        raise ValueError(f'detection cache {where}: frame_inds must be sorted and unique.')
    if n and not np.isin(out['frame_of_box'], fi).all():
        raise ValueError(f'detection cache {where}: frame_of_box refers to frames not listed '
                         'in frame_inds.')
    if n and ((out['boxes'][:, 2] < out['boxes'][:, 0]) |
              (out['boxes'][:, 3] < out['boxes'][:, 1])).any():
        raise ValueError(f'detection cache {where}: boxes must be x1, y1, x2, y2 with '
                         'x2 >= x1 and y2 >= y1.')
    if n:
        height, width = out['img_shape'].tolist()
        b = out['boxes']
        outside = (b[:, 0] >= width) | (b[:, 1] >= height) | (b[:, 2] <= 0) | (b[:, 3] <= 0)
        if outside.any():
            raise ValueError(
                f'detection cache {where}: {int(outside.sum())} box(es) lie outside the frame '
                f'({width}x{height}), e.g. {b[outside][0].tolist()}: the cache belongs to '
                'another video or frame size; re-run tools/data/detect_humans.py for this '
                'video.')
    return out


def save_detections(path: str, frame_inds, boxes, scores, frame_of_box, img_shape) -> None:
    """Validate and write one cache file atomically."""
    det = validate_detections(dict(frame_inds=frame_inds, boxes=boxes, scores=scores,
                                   frame_of_box=frame_of_box, img_shape=img_shape), path)
    with atomic_write(path) as tmp:
        np.savez(tmp, **det)


def load_detections(path: str, video: Optional[str] = None) -> Dict[str, np.ndarray]:
    """Read and validate one cache file; a missing file names the video and the path."""
    if not osp.isfile(path):
        raise FileNotFoundError(
            f'no person-detection cache for video {video or "?"}: expected {path}. Run '
            'tools/data/detect_humans.py on this video list with the same cache root '
            '(and data root), or fix the cache_root / data_root of the HumanMask transform.')
    if osp.getsize(path) == 0:
        raise ValueError(f'detection cache {path} (video {video or "?"}) is empty (0 bytes); '
                         'delete it and re-run tools/data/detect_humans.py on this video.')
    try:
        with np.load(path, allow_pickle=False) as f:
            det = {k: f[k] for k in f.files}
    except Exception as error:  # not an npz (zip) file, truncated, pickled arrays
        raise ValueError(f'cannot read detection cache {path} (video {video or "?"}): '
                         f'{type(error).__name__}: {error}; delete it and re-run '
                         'tools/data/detect_humans.py on this video.') from error
    return validate_detections(det, path)


def detection_ratio(det: Dict[str, np.ndarray], score_thr: float = 0.3) -> float:
    """Fraction of the scored frames with at least one box of score >= ``score_thr``."""
    if len(det['frame_inds']) == 0:
        return 0.0
    hit = np.unique(det['frame_of_box'][det['scores'] >= score_thr])
    return len(hit) / len(det['frame_inds'])
