"""Per-video foreground (actor) masks, the input of the bias benchmark builder.

A video's id is its path in the video list without the extension (``a/b.mp4`` ->
``a/b``, :func:`video_id_of`). Its masks are looked up under ``mask_root`` in this order:

1. ``<video_id>.npz``: pixel masks, an array ``masks`` of shape ``(T, H, W)``
   (``np.savez_compressed(path, masks=m)``); nonzero = foreground.
2. ``<video_id>/``: a folder of per-frame single-channel PNGs, sorted by name, one per
   frame; nonzero = foreground (at any bit depth).
3. ``<video_id>.json``: per-frame boxes, ``{"boxes": [[[x1, y1, x2, y2], ...], ...]}`` (or
   the bare list), one list of boxes per frame in pixels of the source video; a box covers
   ``floor(x1) <= x < ceil(x2)``, ``floor(y1) <= y < ceil(y2)``; an empty list is a frame
   without actor.

``T`` must equal the video's frame count and ``(H, W)`` its frame size (checked when given).
Unreadable files, boxes that are not finite or lie outside the frame, and size or length
mismatches are errors naming the video and the file. :func:`mask_quality_report` measures
how much background coarse (box) masks carry against tighter pixel masks (ALBAR found that
UCF101-24 boxes leak background into SCUBA clips).
"""
import json
import math
import os
import os.path as osp
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

from .video_io import read_video_list


def video_id_of(filename: str) -> str:
    """A video's id: its path in the list without the extension (``a/b.mp4`` -> ``a/b``)."""
    return osp.splitext(filename)[0]


def read_mask_image(path: str) -> np.ndarray:
    """A single-channel mask PNG as bool ``(H, W)``: nonzero = foreground, at any bit depth."""
    from PIL import Image
    try:
        with Image.open(path) as image:
            if image.mode.startswith('I'):
                return np.asarray(image) != 0
            return np.asarray(image.convert('L')) != 0
    except OSError as error:
        raise IOError(f'cannot read mask image {path}: {error}') from error


def boxes_to_masks(boxes: Sequence[Sequence[Sequence[float]]], height: int,
                   width: int, where: str = '') -> np.ndarray:
    """Per-frame boxes ``[[x1, y1, x2, y2], ...]`` to bool masks ``(T, H, W)``.

    A box must have 4 finite coordinates with ``x2 >= x1``, ``y2 >= y1`` and overlap the
    ``width x height`` frame (a box wholly outside it means coordinates of another size or
    video); ``where`` (e.g. the file) prefixes the errors.
    """
    masks = np.zeros((len(boxes), height, width), dtype=bool)
    for t, frame_boxes in enumerate(boxes):
        for box in frame_boxes:
            if len(box) != 4:
                raise ValueError(f'{where}frame {t}: a box must be [x1, y1, x2, y2], got {box}')
            if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in box):
                raise ValueError(f'{where}frame {t}: box {box} has a non-finite or non-numeric '
                                 'coordinate; fix the box file.')
            if box[2] < box[0] or box[3] < box[1]:
                raise ValueError(f'{where}frame {t}: box {box} is not x1, y1, x2, y2 with '
                                 'x2 >= x1 and y2 >= y1.')
            if box[0] >= width or box[1] >= height or box[2] <= 0 or box[3] <= 0:
                raise ValueError(f'{where}frame {t}: box {box} lies outside the frame '
                                 f'({width}x{height}); boxes are x1, y1, x2, y2 in pixels of '
                                 'the source video.')
            x1, y1 = max(0, math.floor(box[0])), max(0, math.floor(box[1]))
            x2, y2 = min(width, math.ceil(box[2])), min(height, math.ceil(box[3]))
            masks[t, y1:y2, x1:x2] = True
    return masks


def find_mask_file(mask_root: str, video_id: str) -> Tuple[str, str]:
    """``(kind, path)`` of a video's masks, kind in ``npz``, ``png``, ``boxes``."""
    candidates = [('npz', osp.join(mask_root, video_id + '.npz')),
                  ('png', osp.join(mask_root, video_id)),
                  ('boxes', osp.join(mask_root, video_id + '.json'))]
    for kind, path in candidates:
        if (kind == 'png' and osp.isdir(path)) or (kind != 'png' and osp.isfile(path)):
            return kind, path
    raise FileNotFoundError(f'no foreground masks for video {video_id!r}: tried '
                            + ', '.join(p for _, p in candidates))


def load_masks(mask_root: str, video_id: str, height: Optional[int] = None,
               width: Optional[int] = None, num_frames: Optional[int] = None) -> np.ndarray:
    """Bool foreground masks ``(T, H, W)`` of a video in any of the documented formats.

    Pixel masks give their own size; boxes need ``height`` and ``width``. Given sizes and
    ``num_frames`` are checked; a mismatch raises ``ValueError`` naming the video.
    """
    kind, path = find_mask_file(mask_root, video_id)
    if kind != 'png' and osp.getsize(path) == 0:
        raise ValueError(f'masks of {video_id!r}: {path} is empty (0 bytes); write it again '
                         '(see the formats in mmdebias/preparation/foreground_masks.py).')
    if kind == 'npz':
        try:
            with np.load(path, allow_pickle=False) as data:
                key = 'masks' if 'masks' in data.files else data.files[0]
                masks = data[key] != 0
        except (OSError, ValueError, EOFError, IndexError) as error:
            raise ValueError(f'cannot read the masks of {video_id!r} from {path}: {error}; '
                             'write them with np.savez_compressed(path, masks=m).') from error
    elif kind == 'png':
        files = sorted(f for f in os.listdir(path) if f.lower().endswith('.png'))
        if not files:
            raise FileNotFoundError(f'mask folder {path} of video {video_id!r} has no PNGs')
        masks = np.stack([read_mask_image(osp.join(path, f)) for f in files])
    else:
        if height is None or width is None:
            raise ValueError(f'box masks of {video_id!r} need the frame size')
        with open(path) as f:
            try:
                boxes = json.load(f)
            except json.JSONDecodeError as error:
                raise ValueError(f'box masks of {video_id!r}: {path} is not valid JSON: '
                                 f'{error}') from None
        boxes = boxes['boxes'] if isinstance(boxes, dict) else boxes
        masks = boxes_to_masks(boxes, height, width, where=f'{path}: ')
    if masks.ndim != 3:
        raise ValueError(f'masks of {video_id!r} ({path}) must be (T, H, W), got {masks.shape}')
    if num_frames is not None and len(masks) != num_frames:
        raise ValueError(f'masks of {video_id!r} ({path}) have {len(masks)} frames, the video '
                         f'has {num_frames}')
    if height is not None and masks.shape[1:] != (height, width):
        raise ValueError(f'masks of {video_id!r} ({path}) are {masks.shape[1:]}, the video '
                         f'frames are {(height, width)}')
    return masks


def mask_background_fraction(coarse: np.ndarray, fine: np.ndarray) -> float:
    """Fraction of a coarse (e.g. box) mask that is background by a tighter pixel mask:
    ``|coarse and not fine| / |coarse|`` over all frames; 0.0 for an empty coarse mask."""
    if coarse.shape != fine.shape:
        raise ValueError(f'mask shapes differ: {coarse.shape} vs {fine.shape}')
    area = np.count_nonzero(coarse)
    return float(np.count_nonzero(coarse & ~fine) / area) if area else 0.0


def mask_quality_report(video_list: str, coarse_root: str, fine_root: str,
                        progress: bool = True) -> Dict:
    """Per video and on average, how much of the coarse masks is background.

    ALBAR found that UCF101-24 boxes leak background into SCUBA clips; this measures it. The
    fine masks must be pixel masks (``npz`` or PNGs); they fix the frame count and size.

    Returns:
        dict: ``{'per_video': {video_id: fraction}, 'mean': float, 'num_videos': int}``.
    """
    from tqdm import tqdm
    per_video = {}  # read_video_list refuses an empty list
    for filename, _ in tqdm(read_video_list(video_list), desc='mask quality',
                            disable=not progress):
        video_id = video_id_of(filename)
        fine = load_masks(fine_root, video_id)
        coarse = load_masks(coarse_root, video_id, *fine.shape[1:], num_frames=len(fine))
        per_video[video_id] = mask_background_fraction(coarse, fine)
    mean = float(np.mean(list(per_video.values()))) if per_video else 0.0
    return dict(per_video=per_video, mean=mean, num_videos=len(per_video))
