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

A frame in ``frame_inds`` without boxes had no detection. :func:`pack_detections` turns a
detector's per-frame outputs into these arrays (``detect_humans.py`` and :class:`HumanMask`'s
online mode) and :func:`frame_boxes` reads them back for the frames a pipeline sampled
(:class:`HumanMask`, :class:`LoadActorMask`): the boxes of each sampled frame, taken from the
nearest scored frame when the detector ran with a stride (:func:`source_frames`).

Files are written atomically (:func:`mmdebias.utils.atomic_write`), so an interrupted run
never leaves a truncated file; a rerun of ``detect_humans.py`` skips every file that loads
and validates and redoes the others (an empty or corrupt file is never "already done").

:func:`validate_detections` refuses (``ValueError`` naming the file) missing arrays, length
mismatches, a non-finite score or box coordinate, negative or unsorted frame indices, boxes
of unknown frames, boxes with ``x2 < x1`` / ``y2 < y1`` and boxes wholly outside the
``img_shape`` frame (a cache of another video or frame size).

Runtime, not preparation: ``tools/data/detect_humans.py`` writes the cache offline, but
:class:`HumanMask` and :class:`LoadActorMask` read it in the data pipeline at train and test
time (and :class:`HumanMask`'s online mode packs detections with :func:`pack_detections`), so
the format stays in :mod:`mmdebias.datasets`, with its writer beside the validator that
defines it: one definition of the format, and the runtime package never imports
:mod:`mmdebias.preparation`.
"""
import os.path as osp
from typing import Dict, Optional, Sequence, Tuple, Union

import numpy as np

from ..utils.atomic_write import atomic_write
from .pseudo_labels import video_key

CACHE_KEYS = ('frame_inds', 'boxes', 'scores', 'frame_of_box', 'img_shape')
MISSING_FRAME_MODES = ('nearest', 'empty', 'error')
#: ``max_frame_gap='auto'``: the farthest a sampled frame may be from the scored frame whose
#: boxes it borrows (about half a second at 30 fps; detection strides up to 32 stay within)
AUTO_MAX_FRAME_GAP = 16


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


def pack_detections(frame_inds: Sequence[int], outputs: Sequence[Tuple[np.ndarray, np.ndarray]],
                    img_shape: Sequence[int], min_score: Optional[float] = None,
                    where: str = 'detections') -> Dict[str, np.ndarray]:
    """The cache arrays of a detector's outputs on frames ``frame_inds``.

    Args:
        frame_inds: The scored frames, sorted and unique.
        outputs: Per frame, ``(boxes [B, 4], scores [B])`` (see
            :mod:`mmdebias.datasets.person_detectors`).
        img_shape: ``(height, width)`` of the frames.
        min_score (float, optional): Drop boxes with a lower score.
        where (str): Names the detections in validation errors.
    """
    boxes = [np.asarray(b, np.float32).reshape(-1, 4) for b, _ in outputs]
    scores = [np.asarray(s, np.float32).reshape(-1) for _, s in outputs]
    if min_score is not None:
        keep = [s >= min_score for s in scores]
        boxes = [b[k] for b, k in zip(boxes, keep)]
        scores = [s[k] for s, k in zip(scores, keep)]
    frame_inds = np.asarray(frame_inds, np.int64).reshape(-1)
    det = dict(frame_inds=frame_inds,
               boxes=np.concatenate(boxes) if boxes else np.zeros((0, 4), np.float32),
               scores=np.concatenate(scores) if scores else np.zeros(0, np.float32),
               frame_of_box=np.repeat(frame_inds, [len(b) for b in boxes]),
               img_shape=np.asarray(img_shape, np.int64))
    return validate_detections(det, where)


def source_frames(frame_inds: np.ndarray, scored: np.ndarray, missing_frames: str = 'nearest',
                  max_frame_gap: Union[int, str, None] = None, owner: str = 'detection cache',
                  video: Optional[str] = None, path: Optional[str] = None) -> np.ndarray:
    """For each sampled frame, the scored frame whose boxes it takes (-1: none).

    A sampled frame that was scored takes its own boxes. Another one (detection with a
    stride) takes those of the nearest scored frame (``missing_frames='nearest'``; ties go to
    the later frame), none (``'empty'``) or is an error (``'error'``). With ``'nearest'``,
    ``max_frame_gap`` bounds the distance: an int gives farther frames no boxes, ``'auto'``
    makes a frame farther than :data:`AUTO_MAX_FRAME_GAP` an error (boxes are never borrowed
    from thousands of frames away), None allows any distance. ``owner``, ``video`` and
    ``path`` name the transform, the video and the cache file in errors.
    """
    if len(scored) == 0:
        if missing_frames == 'error':
            raise ValueError(f'{owner}: the detection cache {path} of {video} has no scored '
                             'frames.')
        return np.full(len(frame_inds), -1, dtype=np.int64)
    pos = np.clip(np.searchsorted(scored, frame_inds), 0, len(scored) - 1)
    prev = np.clip(pos - 1, 0, len(scored) - 1)
    take_prev = np.abs(scored[prev] - frame_inds) < np.abs(scored[pos] - frame_inds)
    nearest = np.where(take_prev, scored[prev], scored[pos])
    exact = nearest == frame_inds
    if exact.all():
        return nearest
    if missing_frames == 'error':
        raise ValueError(
            f'{owner}: frames {frame_inds[~exact][:10].tolist()} of {video} are not in the '
            f'detection cache {path}; re-run detect_humans.py with --stride 1 or use '
            "missing_frames='nearest'.")
    if missing_frames == 'empty':
        return np.where(exact, nearest, -1)
    if max_frame_gap is None:
        return nearest
    gap = np.abs(nearest - frame_inds)
    if max_frame_gap == 'auto':
        far = gap > AUTO_MAX_FRAME_GAP
        if far.any():
            raise ValueError(
                f'{owner}: frames {frame_inds[far][:10].tolist()} of {video} are '
                f'{gap[far].max()} frames away from the nearest frame scored in the '
                f'detection cache {path} (max_frame_gap: {AUTO_MAX_FRAME_GAP}); it covers '
                f'frames {int(scored[0])}..{int(scored[-1])}. Re-run '
                'tools/data/detect_humans.py on this video (smaller --stride, no '
                '--max-frames), or set max_frame_gap=N (farther frames get no boxes) or '
                'None (any distance).')
        return nearest
    return np.where(gap > max_frame_gap, -1, nearest)


def frame_boxes(det: Dict[str, np.ndarray], frame_inds: np.ndarray, score_thr: float,
                missing_frames: str = 'nearest', max_frame_gap: Union[int, str, None] = None,
                owner: str = 'detection cache', video: Optional[str] = None,
                path: Optional[str] = None) -> Tuple[np.ndarray, np.ndarray]:
    """The boxes (score >= ``score_thr``) of the sampled frames ``frame_inds``, in pixels.

    Each sampled frame takes the boxes of its :func:`source_frames` frame. Boxes are rounded
    outwards (``floor`` / ``ceil``) and clipped to the cache's ``img_shape``; empty boxes
    are dropped. Vectorised: no Python loop over frames or boxes.

    Returns:
        tuple: ``t`` int64 ``[N]``, the position in ``frame_inds`` of each box, ascending
        (boxes of one frame in cache order), and ``boxes`` int64 ``[N, 4]``
        ``x1, y1, x2, y2`` with ``x1 < x2``, ``y1 < y2``.
    """
    frame_inds = np.asarray(frame_inds).reshape(-1)
    keep = det['scores'] >= score_thr
    boxes, box_frame = det['boxes'][keep], det['frame_of_box'][keep]
    source = source_frames(frame_inds, det['frame_inds'], missing_frames, max_frame_gap,
                           owner, video, path)
    # boxes of sampled frame t: boxes whose frame is source[t]; sort boxes by frame
    order = np.argsort(box_frame, kind='stable')
    boxes, box_frame = boxes[order], box_frame[order]
    lo = np.searchsorted(box_frame, source, side='left')
    hi = np.searchsorted(box_frame, source, side='right')
    hi[source < 0] = lo[source < 0]  # frames without a source get no boxes
    counts = hi - lo
    # all (sampled frame, box) pairs
    t_of_box = np.repeat(np.arange(len(frame_inds)), counts)
    first = np.repeat(lo - (np.cumsum(counts) - counts), counts)
    b = boxes[first + np.arange(counts.sum())]
    height, width = (int(v) for v in det['img_shape'])
    pixels = np.stack([np.clip(np.floor(b[:, 0]), 0, width), np.clip(np.floor(b[:, 1]), 0, height),
                       np.clip(np.ceil(b[:, 2]), 0, width), np.clip(np.ceil(b[:, 3]), 0, height)],
                      axis=1).astype(np.int64).reshape(-1, 4)
    valid = (pixels[:, 2] > pixels[:, 0]) & (pixels[:, 3] > pixels[:, 1])
    return t_of_box[valid], pixels[valid]
