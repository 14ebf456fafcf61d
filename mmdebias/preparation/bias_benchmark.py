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
Video list: MMAction2 ``VideoDataset`` text, one ``relative/path.mp4 label`` per line
(:func:`~mmdebias.preparation.video_io.read_video_list`). A video's id is its path without the
extension (``relative/path``).

Foreground masks, one entry per video under ``mask_root``: pixel masks (``<video_id>.npz``
or a folder of PNGs) or per-frame boxes (``<video_id>.json``); formats and checks in
:mod:`mmdebias.preparation.foreground_masks`.

Backgrounds: images (any format Pillow reads) in a folder, e.g. Places365 test images, and
the built-in sinusoidal stripes
(:func:`~mmdebias.preparation.synthetic.backgrounds.stripe_background`). A background is
resized to cover the frame (short side) and centre-cropped.

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
cannot be decoded raise :class:`~mmdebias.datasets.video_errors.VideoReadError` naming the file.
16-bit grayscale images are read at their full range (scaled to 8 bits; a 16-bit mask is
foreground where nonzero).
"""
import os
import os.path as osp
import zlib
from collections import Counter
from typing import Dict, List, Optional, Tuple, Union

import cv2
import numpy as np

from ..utils.atomic_write import write_json
from ..utils.checks import check_int
from .foreground_masks import load_masks, video_id_of
from .synthetic.backgrounds import fit_background, list_images, read_image, stripe_background
from .synthetic.compositing import composite, place_beside, still_clip
from .video_io import read_video, read_video_list, write_video

#: smallest ``short_side``: decord 0.6 decodes some smaller sizes into 4-48 channels
MIN_SHORT_SIDE = 32


# --------------------------------------------------------------------------- geometry
def output_size(height: int, width: int, short_side: Optional[int]) -> Tuple[int, int]:
    """``(H, W)`` after scaling the short side to ``short_side`` (even sizes, for codecs)."""
    if short_side is None:
        return height - height % 2, width - width % 2
    scale = short_side / min(height, width)
    return (max(2, 2 * round(height * scale / 2)), max(2, 2 * round(width * scale / 2)))


def resize_frames(frames: np.ndarray, height: int, width: int,
                  nearest: bool = False) -> np.ndarray:
    if frames.shape[1:3] == (height, width):
        return frames
    interp = cv2.INTER_NEAREST if nearest else cv2.INTER_AREA
    return np.stack([cv2.resize(f, (width, height), interpolation=interp) for f in frames])


# --------------------------------------------------------------------------- builder
def _nonempty(path: str) -> bool:
    return osp.isfile(path) and osp.getsize(path) > 0


def _rng(seed: int, *names: str) -> np.random.Generator:
    """Generator seeded by ``seed`` and names (stable across runs: resumable builds)."""
    return np.random.default_rng([seed] + [zlib.crc32(n.encode()) for n in names])


def _check_count(name: str, value, minimum: int, optional: bool = False) -> None:
    """``value`` must be an int >= ``minimum`` (or None if ``optional``); bools refused."""
    check_int(value, name, minimum, none_ok=optional)


def _check_fraction(name: str, value) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
            0.0 <= value <= 1.0):
        raise ValueError(f'{name} must be a fraction in [0, 1], got {value!r}')


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
            write_json(paths[name], entries)
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
