"""Build SCUBA / SCUFO / Confl-FG test sets from videos, foreground masks and backgrounds.

Protocols of Li et al., "Mitigating and Evaluating Static Bias of Action Representations in
the Background and the Foreground" (StillMix, ICCV 2023) and Fioresi et al., "ALBAR"
(ICLR 2025):

- SCUBA: the actor of every frame pasted on one background image shared by all frames,
  ``composite = frame * mask + background * (1 - mask)`` (binary masks).
- SCUFO: one fixed frame of each SCUBA video repeated over time (ALBAR). StillMix's
  random-frame variant needs no files: ``scufo_random_frame.json`` lists the SCUBA videos
  as protocol ``scufo``, to be read with :class:`StaticFrameRepeat` in the pipeline.
- Confl-FG: the moving actor of video A over the static foreground (one frame) of a video B
  of another class, both on one stripe background; label = A's, ``static_label`` = B's.
  B's foreground is shifted sideways, away from A's actor (:func:`place_beside`).

Inputs
------
Video list: MMAction2 ``VideoDataset`` text, one ``relative/path.mp4 label`` per line.
A video's id is its path without the extension (``relative/path``).

Foreground masks, one entry per video under ``mask_root``, looked up in this order:

1. ``<video_id>.npz``: pixel masks, an array ``masks`` of shape ``(T, H, W)``
   (``np.savez_compressed(path, masks=m)``); nonzero = foreground.
2. ``<video_id>/``: a folder of per-frame single-channel PNGs, sorted by name, one per
   frame; nonzero = foreground.
3. ``<video_id>.json``: per-frame boxes, ``{"boxes": [[[x1, y1, x2, y2], ...], ...]}`` (or
   the bare list), one list of boxes per frame in pixels of the source video; a box covers
   ``floor(x1) <= x < ceil(x2)``, ``floor(y1) <= y < ceil(y2)``; an empty list is a frame
   without actor.

``T`` must equal the video's frame count and ``(H, W)`` its frame size.

Backgrounds: images (any format OpenCV reads) in a folder, e.g. Places365 test images, and
the built-in sinusoidal stripes (:func:`stripe_background`). A background is resized to
cover the frame (short side) and centre-cropped.

Outputs (under ``out_dir``)
---------------------------
``scuba/<source>/<video_id>_<k>.mp4``, ``scufo/<source>/<video_id>_<k>.mp4``,
``conflfg/<video_id>.mp4`` and the :class:`BiasVideoDataset` annotation files
``original.json`` (paths relative to the source video root), ``scuba.json``, ``scufo.json``,
``scufo_random_frame.json`` and ``conflfg.json`` (paths relative to ``out_dir``). A SCUBA
clip and its SCUFO clip share ``pair_id = '<video_id>#<source><k>'``. Existing videos are
kept (the build resumes where it stopped; a video is written under a temporary name and
renamed when complete); a zero-byte output (e.g. left by a full disk) is written again.

Input checks, at the boundary: the video list (``filename label`` per line, the filename may
contain spaces; labels are class indices >= 0; at least one video), the builder's arguments
(``short_side >= 32``: decord 0.6 decodes smaller clips into the wrong number of channels;
``max_frames >= 1``; fractions in [0, 1]; at least one SCUBA clip per video; ``scufo_frame``
in range), the masks (readable files; boxes finite and inside the frame) and every written
video, which is read back in full and must decode to ``(T, H, W, 3)``. Source videos that
cannot be decoded raise :class:`~mmdebias.datasets.video_io.VideoReadError` naming the file.
16-bit grayscale images are read at their full range (scaled to 8 bits; a 16-bit mask is
foreground where nonzero).
"""
import glob
import json
import math
import os
import os.path as osp
import zlib
from collections import Counter
from typing import Dict, List, Optional, Sequence, Tuple, Union

import cv2
import numpy as np

from .video_io import open_video, read_frames

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.webp')
#: smallest ``short_side``: decord 0.6 decodes some smaller sizes into 4-48 channels
MIN_SHORT_SIDE = 32


# --------------------------------------------------------------------------- backgrounds
def stripe_background(rng: np.random.Generator, size: int = 256) -> np.ndarray:
    """A synthetic SCUBA stripe background (StillMix, ICCV 2023), RGB uint8 ``(size, size, 3)``.

    A random colour ``c`` is crossed by stripes of the inverse colour ``255 - c`` that follow
    ``y = A sin(w x + t) + 128 (mod spacing)``: line width 5-20 px, spacing (period) 3-5x the
    line width; our choice for the unstated ranges: amplitude ``A`` in [0, 40] px, wavelength
    ``2 pi / w`` in [64, 256] px, phase ``t`` in [0, 2 pi). The pattern is rotated by a random
    angle and centre-cropped to ``size x size``.
    """
    canvas = int(math.ceil(size * math.sqrt(2))) + 2  # covers the crop at any rotation
    colour = rng.integers(0, 256, size=3).astype(np.uint8)
    width = int(rng.integers(5, 21))
    spacing = width * rng.uniform(3.0, 5.0)
    amplitude = rng.uniform(0.0, 40.0)
    omega = 2 * math.pi / rng.uniform(64.0, 256.0)
    phase = rng.uniform(0.0, 2 * math.pi)
    ys, xs = np.mgrid[:canvas, :canvas].astype(np.float32)
    offset = ys - (amplitude * np.sin(omega * xs + phase) + 128.0)
    stripes = np.mod(offset, spacing) < width
    image = np.where(stripes[..., None], 255 - colour, colour).astype(np.uint8)
    rotation = cv2.getRotationMatrix2D((canvas / 2, canvas / 2), rng.uniform(0.0, 360.0), 1.0)
    image = cv2.warpAffine(image, rotation, (canvas, canvas), flags=cv2.INTER_NEAREST)
    top = (canvas - size) // 2
    return np.ascontiguousarray(image[top:top + size, top:top + size])


def fit_background(image: np.ndarray, height: int, width: int,
                   nearest: bool = False) -> np.ndarray:
    """Resize ``image`` so it covers ``height x width`` (short side) and centre-crop it;
    ``nearest`` interpolation for masks."""
    h, w = image.shape[:2]
    scale = max(height / h, width / w)
    new_w, new_h = max(width, round(w * scale)), max(height, round(h * scale))
    interp = (cv2.INTER_NEAREST if nearest else
              cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    image = cv2.resize(image, (new_w, new_h), interpolation=interp)
    top, left = (new_h - height) // 2, (new_w - width) // 2
    return np.ascontiguousarray(image[top:top + height, left:left + width])


def list_images(folder: str) -> List[str]:
    """Image files under ``folder`` (recursive), sorted."""
    files = sorted(p for p in glob.glob(osp.join(folder, '**', '*'), recursive=True)
                   if p.lower().endswith(IMAGE_EXTENSIONS))
    if not files:
        raise FileNotFoundError(f'no background images ({", ".join(IMAGE_EXTENSIONS)}) '
                                f'under {folder}')
    return files


def read_image(path: str, mode: str = 'RGB') -> np.ndarray:
    """Read an image with Pillow (``mode`` ``'RGB'`` or ``'L'``); error naming the file.

    Not ``cv2.imread``: decord loads its bundled zlib 1.2.3 with RTLD_GLOBAL, and OpenCV's
    libpng then fails on every PNG ("bad parameters to zlib") once decord is imported.
    """
    from PIL import Image
    try:
        with Image.open(path) as image:
            if image.mode.startswith('I'):  # 16-bit ('I;16*') or 32-bit integer grayscale
                image = Image.fromarray(_to_8bit(np.asarray(image), image.mode), 'L')
            return np.asarray(image.convert(mode))
    except OSError as error:
        raise IOError(f'cannot read image {path}: {error}') from error


def _to_8bit(array: np.ndarray, mode: str) -> np.ndarray:
    """A 16-bit (or wider) grayscale image scaled to 0..255 (Pillow's ``convert`` clips it:
    everything above 255 would turn white)."""
    array = array.astype(np.float64)
    if mode != 'I' or array.max(initial=0) > 255:
        array = array / 257.0  # 65535 -> 255
    return np.clip(np.round(array), 0, 255).astype(np.uint8)


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


# --------------------------------------------------------------------------- compositing
def composite(frames: np.ndarray, masks: np.ndarray, background: np.ndarray) -> np.ndarray:
    """``frame * mask + background * (1 - mask)`` for binary masks, vectorised.

    Computed as the byte select ``(frame & M) | (background & ~M)`` with ``M = 255 * mask``
    per channel, which equals the formula for ``mask`` in {0, 1} and runs at well over
    1000 frames/s per core at 256 x 340 (``bench/bench_metrics.py``).

    Args:
        frames: ``(T, H, W, 3)`` uint8. masks: ``(T, H, W)`` bool (True = foreground).
        background: ``(H, W, 3)`` uint8, the same for every frame.
    """
    masks = np.asarray(masks, dtype=bool)
    if frames.shape[:3] != masks.shape or background.shape != frames.shape[1:]:
        raise ValueError(f'shape mismatch: frames {frames.shape}, masks {masks.shape}, '
                         f'background {background.shape}')
    select = np.repeat(masks[..., None], frames.shape[-1], axis=-1).view(np.uint8)
    np.negative(select, out=select)  # 1 -> 255: every bit of a foreground byte set
    out = np.bitwise_and(frames, select)
    out |= background & ~select
    return out


def still_clip(frames: np.ndarray, index: Union[int, str] = 'middle') -> np.ndarray:
    """Frame ``index`` (``'middle'`` = ``T // 2``) of ``frames`` repeated ``T`` times."""
    t = len(frames)
    index = t // 2 if index == 'middle' else index
    if not -t <= index < t:
        raise IndexError(f'frame index {index} out of range for {t} frames')
    return np.repeat(frames[[index]], t, axis=0)


def place_beside(static: np.ndarray, static_mask: np.ndarray,
                 moving_masks: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Shift a static foreground horizontally so that it does not hide behind the actor.

    Confl-FG draws the moving actor over the static foreground of another video; both are
    often centred. The static frame and mask are translated so that the static mask's
    centroid lands at 3/4 of the width when the moving actor's centroid (over all frames) is
    in the left half, else at 1/4. Uncovered pixels get mask 0 (show the background).
    """
    width = static_mask.shape[1]
    moving_columns = moving_masks.sum(axis=(0, 1), dtype=np.float64)
    static_columns = static_mask.sum(axis=0, dtype=np.float64)
    if not moving_columns.any() or not static_columns.any():
        return static, static_mask
    columns = np.arange(width)
    moving_cx = columns @ moving_columns / moving_columns.sum()
    static_cx = columns @ static_columns / static_columns.sum()
    target = 0.75 * width if moving_cx < width / 2 else 0.25 * width
    shift = int(round(target - static_cx))
    shifted, shifted_mask = np.zeros_like(static), np.zeros_like(static_mask)
    src = slice(max(0, -shift), min(width, width - shift))
    dst = slice(max(0, shift), min(width, width + shift))
    shifted[:, dst], shifted_mask[:, dst] = static[:, src], static_mask[:, src]
    return shifted, shifted_mask


# --------------------------------------------------------------------------- video i/o
def read_video_list(path: str) -> List[Tuple[str, int]]:
    """``(filename, label)`` pairs of a VideoDataset annotation text file.

    The label is the last field of a line and the filename everything before it (so it may
    contain spaces); labels are class indices >= 0. An empty list is an error.
    """
    items = []
    with open(path, encoding='utf-8') as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            parts = line.strip().rsplit(None, 1)
            if len(parts) != 2:
                raise ValueError(f'{path}:{line_no}: expected "filename label", got {line!r}')
            try:
                label = int(parts[1])
            except ValueError:
                raise ValueError(f'{path}:{line_no}: the label must be an integer class index, '
                                 f'got {parts[1]!r} (line {line.strip()!r})') from None
            if label < 0:
                raise ValueError(f'{path}:{line_no}: the label must be a class index >= 0, '
                                 f'got {label}')
            items.append((parts[0], label))
    if not items:
        raise ValueError(f'{path}: no videos (the list is empty); expected "filename label" '
                         'lines.')
    return items


def video_id_of(filename: str) -> str:
    """A video's id: its path in the list without the extension (``a/b.mp4`` -> ``a/b``)."""
    return osp.splitext(filename)[0]


def output_size(height: int, width: int, short_side: Optional[int]) -> Tuple[int, int]:
    """``(H, W)`` after scaling the short side to ``short_side`` (even sizes, for codecs)."""
    if short_side is None:
        return height - height % 2, width - width % 2
    scale = short_side / min(height, width)
    return (max(2, 2 * round(height * scale / 2)), max(2, 2 * round(width * scale / 2)))


def read_video(path: str,
               max_frames: Optional[int] = None) -> Tuple[np.ndarray, float, int]:
    """Decode the first ``max_frames`` (default all) frames with decord.

    Returns:
        tuple: RGB frames ``(T, H, W, 3)`` uint8, the frame rate, the video's frame count.
    """
    _check_count('read_video: max_frames', max_frames, 1, optional=True)
    reader = open_video(path)
    total = len(reader)
    count = total if max_frames is None else min(total, max_frames)
    frames = read_frames(reader, range(count), path)
    fps = float(reader.get_avg_fps())
    return frames, (fps if fps > 0 else 30.0), total


def resize_frames(frames: np.ndarray, height: int, width: int,
                  nearest: bool = False) -> np.ndarray:
    if frames.shape[1:3] == (height, width):
        return frames
    interp = cv2.INTER_NEAREST if nearest else cv2.INTER_AREA
    return np.stack([cv2.resize(f, (width, height), interpolation=interp) for f in frames])


def write_video(path: str, frames: np.ndarray, fps: float) -> None:
    """Write RGB ``frames`` with OpenCV (``mp4v``) and check that decord reads them back.

    The video is written under a temporary name and renamed when complete, so ``path``
    never holds a partial file. Every frame is read back: decord 0.6 decodes a few tiny
    sizes (e.g. 16, 24, 48 px) into 4 to 48 "channels" or fails on them; a read-back that is
    not ``(T, H, W, 3)`` is an ``IOError`` naming the file.
    """
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    root, ext = osp.splitext(path)
    partial = f'{root}.partial{ext}'
    height, width = frames.shape[1:3]
    writer = cv2.VideoWriter(partial, cv2.VideoWriter_fourcc(*'mp4v'), fps, (width, height))
    if not writer.isOpened():
        raise IOError(f'OpenCV cannot open a video writer for {partial}')
    for frame in frames:
        writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    try:  # the test pipeline reads with decord, which cannot decode some tiny sizes
        reader = open_video(partial)
        back = read_frames(reader, range(len(reader)), partial)
        if back.shape != frames.shape:
            raise IOError(f'it decodes to {back.shape}, not {frames.shape}')
    except Exception as error:
        os.remove(partial)
        raise IOError(f'decord cannot read back {path} ({width}x{height}; decord 0.6 decodes '
                      'some frame sizes into the wrong number of channels or fails on them): '
                      f'{error} Try another output size (short_side).') from error
    os.replace(partial, path)


# --------------------------------------------------------------------------- masks
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
                         '(see the formats in mmdebias/datasets/bias_benchmark.py).')
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


# --------------------------------------------------------------------------- builder
def _nonempty(path: str) -> bool:
    return osp.isfile(path) and osp.getsize(path) > 0


def _rng(seed: int, *names: str) -> np.random.Generator:
    """Generator seeded by ``seed`` and names (stable across runs: resumable builds)."""
    return np.random.default_rng([seed] + [zlib.crc32(n.encode()) for n in names])


def _check_count(name: str, value, minimum: int, optional: bool = False) -> None:
    """``value`` must be an int >= ``minimum`` (or None if ``optional``); bools refused."""
    if optional and value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ValueError(f'{name} must be {"None or " if optional else ""}an int >= {minimum}, '
                         f'got {value!r}')


def _check_fraction(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            0.0 <= value <= 1.0):
        raise ValueError(f'{name} must be a fraction in [0, 1], got {value!r}')


def _write_json(path: str, obj) -> None:
    partial = path + '.partial'
    with open(partial, 'w') as f:
        json.dump(obj, f, indent=1)
    os.replace(partial, path)


class BiasBenchmarkBuilder:
    """Writes the SCUBA / SCUFO / Confl-FG videos and annotation files (see module doc).

    Args:
        video_list (str): VideoDataset text file (``filename label`` per line).
        video_root (str): Folder the filenames are relative to.
        mask_root (str): Folder of the per-video masks.
        out_dir (str): Output folder.
        background_dir (str, optional): Image folder for image backgrounds.
        background_name (str): Source name of those images in the annotations and paths.
            Defaults to ``'places'``.
        num_image_backgrounds (int): SCUBA clips per video with image backgrounds.
            Defaults to 1 (ignored without ``background_dir``).
        num_stripe_backgrounds (int): SCUBA clips per video with stripe backgrounds.
            Defaults to 1.
        conflfg (bool): Also build Confl-FG. Defaults to True.
        scufo_frame (int | str): Frame of each SCUBA video repeated for SCUFO (and taken as
            Confl-FG's static foreground). Defaults to ``'middle'``.
        short_side (int, optional): Resize the output so its short side has this size
            (>= 32).
        max_frames (int, optional): Use only the first ``max_frames`` (>= 1) frames of each
            video.
        min_mask_area (float): A frame is valid if its mask covers at least this fraction.
        min_valid_frames (float): Skip a video with a smaller fraction of valid frames (the
            K400 recipe of StillMix uses 0.1 and 0.9). Both default to 0 (keep all).
        seed (int): Seed of the background choice and generation. Defaults to 0.
        progress (bool): Show tqdm progress bars. Defaults to True.
    """

    def __init__(self, video_list: str, video_root: str, mask_root: str, out_dir: str,
                 background_dir: Optional[str] = None, background_name: str = 'places',
                 num_image_backgrounds: int = 1, num_stripe_backgrounds: int = 1,
                 conflfg: bool = True, scufo_frame: Union[int, str] = 'middle',
                 short_side: Optional[int] = None, max_frames: Optional[int] = None,
                 min_mask_area: float = 0.0, min_valid_frames: float = 0.0, seed: int = 0,
                 progress: bool = True) -> None:
        if background_name == 'stripes':
            raise ValueError("background_name 'stripes' is reserved for generated stripes")
        name = 'BiasBenchmarkBuilder: '
        if short_side is not None and (isinstance(short_side, bool) or not isinstance(
                short_side, int) or short_side < MIN_SHORT_SIDE):
            raise ValueError(f'{name}short_side must be None or an int >= {MIN_SHORT_SIDE} '
                             f'(decord 0.6 cannot decode smaller clips reliably), got '
                             f'{short_side!r}')
        _check_count(name + 'max_frames', max_frames, 1, optional=True)
        _check_count(name + 'num_image_backgrounds', num_image_backgrounds, 0)
        _check_count(name + 'num_stripe_backgrounds', num_stripe_backgrounds, 0)
        _check_fraction(name + 'min_mask_area', min_mask_area)
        _check_fraction(name + 'min_valid_frames', min_valid_frames)
        if not (scufo_frame == 'middle' if isinstance(scufo_frame, str) else
                isinstance(scufo_frame, int) and not isinstance(scufo_frame, bool)):
            raise ValueError(f"{name}scufo_frame must be 'middle' or an int frame index, got "
                             f'{scufo_frame!r}')
        self.videos = read_video_list(video_list)
        counts = Counter(video_id_of(filename) for filename, _ in self.videos)
        repeated = sorted(i for i, n in counts.items() if n > 1)
        if repeated:
            raise ValueError(f'{video_list}: video ids (paths without extension) must be '
                             f'unique, repeated: {repeated}')
        self.video_root = video_root
        self.mask_root = mask_root
        self.out_dir = out_dir
        self.images = list_images(background_dir) if background_dir else []
        self.background_name = background_name
        self.num_image_backgrounds = num_image_backgrounds if self.images else 0
        self.num_stripe_backgrounds = num_stripe_backgrounds
        if self.num_image_backgrounds + num_stripe_backgrounds == 0:
            raise ValueError(f'{name}no SCUBA clips would be written: '
                             f'num_stripe_backgrounds={num_stripe_backgrounds} and '
                             f'{"num_image_backgrounds=0" if self.images else "no background_dir"}'
                             '; ask for at least one background per video.')
        self.conflfg = conflfg
        self.scufo_frame = scufo_frame
        self.short_side = short_side
        self.max_frames = max_frames
        self.min_mask_area = min_mask_area
        self.min_valid_frames = min_valid_frames
        self.seed = seed
        self.progress = progress

    def load_clip(self, filename: str) -> Tuple[np.ndarray, np.ndarray, float]:
        """Frames ``(T, H, W, 3)``, masks ``(T, H, W)`` at output size, and the fps."""
        path = osp.join(self.video_root, filename)
        frames, fps, total = read_video(path, self.max_frames)
        if isinstance(self.scufo_frame, int) and not (
                -len(frames) <= self.scufo_frame < len(frames)):
            raise IndexError(f'video {video_id_of(filename)!r} ({path}): scufo_frame='
                             f'{self.scufo_frame} is out of range for its {len(frames)} frames '
                             f'(max_frames={self.max_frames}); use a smaller index or '
                             "'middle'.")
        height, width = frames.shape[1:3]
        masks = load_masks(self.mask_root, video_id_of(filename), height, width, total)
        masks = masks[:len(frames)]
        out_h, out_w = output_size(height, width, self.short_side)
        frames = resize_frames(frames, out_h, out_w)
        masks = resize_frames(masks.astype(np.uint8), out_h, out_w, nearest=True) != 0
        return frames, masks, fps

    def backgrounds(self, video_id: str, height: int, width: int):
        """``(source, k, image)`` of the SCUBA backgrounds of a video (deterministic)."""
        rng = _rng(self.seed, video_id, 'scuba')
        for k in range(self.num_stripe_backgrounds):
            yield 'stripes', k, fit_background(stripe_background(rng), height, width)
        if self.num_image_backgrounds:
            picks = rng.choice(len(self.images), self.num_image_backgrounds,
                               replace=self.num_image_backgrounds > len(self.images))
            for k, pick in enumerate(picks):
                image = read_image(self.images[pick])
                yield self.background_name, k, fit_background(image, height, width)

    def _valid(self, masks: np.ndarray) -> bool:
        area = masks.reshape(len(masks), -1).mean(axis=1)
        return float(np.mean(area >= self.min_mask_area)) >= self.min_valid_frames

    def _scuba_entries(self, filename: str, label: int) -> List[dict]:
        """Annotation entries of a video's SCUBA clips (their SCUFO twins: ``scufo/...``)."""
        video_id = video_id_of(filename)
        sources = [('stripes', k) for k in range(self.num_stripe_backgrounds)]
        sources += [(self.background_name, k) for k in range(self.num_image_backgrounds)]
        return [dict(filename=f'scuba/{source}/{video_id}_{k}.mp4', label=label,
                     video_id=video_id, pair_id=f'{video_id}#{source}{k}', background=source)
                for source, k in sources]

    @staticmethod
    def _scufo_name(scuba_name: str) -> str:
        return 'scufo/' + scuba_name[len('scuba/'):]

    def _done(self, entry: dict) -> bool:
        """Both videos of the entry exist and are not empty (a zero-byte file is redone)."""
        return all(_nonempty(osp.join(self.out_dir, name))
                   for name in (entry['filename'], self._scufo_name(entry['filename'])))

    def build(self) -> Dict:
        """Write everything; returns a summary with the annotation paths and skipped videos."""
        from tqdm import tqdm
        os.makedirs(self.out_dir, exist_ok=True)
        anns = {name: [] for name in ('original', 'scuba', 'scufo', 'scufo_random_frame',
                                      'conflfg')}
        kept, skipped, written = [], {}, 0
        for filename, label in tqdm(self.videos, desc='SCUBA/SCUFO', disable=not self.progress):
            video_id = video_id_of(filename)
            entries = self._scuba_entries(filename, label)
            # the validity filter needs the masks even when every clip already exists
            if self.min_valid_frames > 0 or not all(map(self._done, entries)):
                frames, masks, fps = self.load_clip(filename)
                if not self._valid(masks):
                    skipped[video_id] = (f'fewer than {self.min_valid_frames:.0%} of frames '
                                         f'have a mask area >= {self.min_mask_area:.0%}')
                    continue
                height, width = frames.shape[1:3]
                # backgrounds are drawn for every entry, done or not, so that a resumed
                # build gives each clip the same background as an uninterrupted one
                for entry, (_, _, background) in zip(
                        entries, self.backgrounds(video_id, height, width)):
                    if self._done(entry):
                        continue
                    scuba = composite(frames, masks, background)
                    write_video(osp.join(self.out_dir, entry['filename']), scuba, fps)
                    write_video(osp.join(self.out_dir, self._scufo_name(entry['filename'])),
                                still_clip(scuba, self.scufo_frame), fps)
                    written += 2
            kept.append((filename, label))
            anns['original'].append(dict(filename=filename, label=label, video_id=video_id,
                                         protocol='original'))
            for entry in entries:
                anns['scuba'].append(dict(entry, protocol='scuba'))
                anns['scufo'].append(dict(entry, filename=self._scufo_name(entry['filename']),
                                          protocol='scufo'))
                anns['scufo_random_frame'].append(dict(entry, protocol='scufo'))
        if self.conflfg:
            written += self._build_conflfg(kept, anns['conflfg'])
        paths = {}
        for name, entries in anns.items():
            if name == 'conflfg' and not self.conflfg:
                continue
            paths[name] = osp.join(self.out_dir, f'{name}.json')
            _write_json(paths[name], entries)
        return dict(annotations=paths, num_videos=len(kept), skipped=skipped,
                    videos_written=written)

    def _build_conflfg(self, kept: List[Tuple[str, int]], anns: List[dict]) -> int:
        from tqdm import tqdm
        labels = np.array([label for _, label in kept])
        if len(set(labels.tolist())) < 2:
            raise ValueError('Confl-FG needs videos of at least two classes '
                             f'(got labels {sorted(set(labels.tolist()))}); pass conflfg=False')
        written = 0
        for filename, label in tqdm(kept, desc='Confl-FG', disable=not self.progress):
            video_id = video_id_of(filename)
            rng = _rng(self.seed, video_id, 'conflfg')
            others = np.flatnonzero(labels != label)
            static_name, static_label = kept[int(others[rng.integers(len(others))])]
            out_name = f'conflfg/{video_id}.mp4'
            background = stripe_background(rng)
            if not _nonempty(osp.join(self.out_dir, out_name)):
                frames, masks, fps = self.load_clip(filename)
                height, width = frames.shape[1:3]
                static_frames, static_masks, _ = self.load_clip(static_name)
                static = fit_background(still_clip(static_frames, self.scufo_frame)[0],
                                        height, width)
                static_mask = fit_background(
                    still_clip(static_masks.astype(np.uint8), self.scufo_frame)[0],
                    height, width, nearest=True) != 0
                static, static_mask = place_beside(static, static_mask, masks)
                scene = composite(static[None], static_mask[None],
                                  fit_background(background, height, width))[0]
                write_video(osp.join(self.out_dir, out_name),
                            composite(frames, masks, scene), fps)
                written += 1
            anns.append(dict(filename=out_name, label=label, video_id=video_id,
                             pair_id=video_id, protocol='conflfg', background='stripes',
                             static_label=static_label,
                             static_video_id=video_id_of(static_name)))
        return written
