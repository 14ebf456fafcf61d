"""Small fixtures in the layouts of the released bias benchmarks, written by the tests.

* StillMix (ICCV 2023): per background source a list ``<video>__<k> <num_frames> <label>``
  and a folder of clip folders holding ``frame000001.jpg`` ...; Confl-FG as two row-aligned
  lists ``dynamic_testlist01.txt`` / ``static_testlist01.txt``.
* ALBAR (ICLR 2025): ``<DS>_SCUBA_<bg>/<clip>.zip`` (a zip of jpg frames) and
  ``<DS>_SCUFO_<bg>/<clip>.jpg``; labels from the original videos' names.

Every frame is a flat colour that encodes the clip and the frame number (see
:func:`frame_colour`), so a test can tell which frame was decoded.
"""
import os
import os.path as osp
import zipfile
from typing import Dict, List, Sequence, Tuple

import cv2
import numpy as np

HEIGHT, WIDTH = 24, 32
# HMDB51-like original test videos: name -> label
HMDB_VIDEOS = {'brush_hair_u_nm_np1_ba_goo_0': 0, 'cartwheel_f_cm_np1_le_med_1': 1,
               'chew_h_nm_np1_fr_goo_2': 2, 'clap_u_cm_np1_fr_med_0': 1}
# UCF101-like test videos (classes of classInd.txt lines below; note the case of HandStand)
UCF_CLASSES = ['ApplyEyeMakeup', 'Basketball', 'HandstandPushups']
UCF_VIDEOS = ['v_ApplyEyeMakeup_g01_c01', 'v_Basketball_g02_c03', 'v_HandStandPushups_g05_c02']


def frame_colour(clip_index: int, frame: int) -> Tuple[int, int, int]:
    """RGB of frame ``frame`` (0-based) of clip ``clip_index``: distinct per frame, far
    enough apart to survive jpg compression."""
    return (40 + 20 * (frame % 10), 40 + 30 * (clip_index % 6), 200)


def frame_image(clip_index: int, frame: int, texture: bool = False) -> np.ndarray:
    """A flat colour (:func:`frame_colour`); with ``texture`` plus a seeded random pattern,
    so that a random network's predictions vary between clips and frames."""
    image = np.full((HEIGHT, WIDTH, 3), frame_colour(clip_index, frame), dtype=np.float64)
    if texture:
        noise = np.random.default_rng([clip_index, frame]).uniform(-1, 1, (HEIGHT, WIDTH, 3))
        image = image + 120 * noise
    return np.clip(image, 0, 255).astype(np.uint8)


def jpg_bytes(rgb: np.ndarray) -> bytes:
    ok, data = cv2.imencode('.jpg', cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR),
                            [cv2.IMWRITE_JPEG_QUALITY, 95])
    assert ok
    return data.tobytes()


def write_frames(folder: str, clip_index: int, num_frames: int,
                 tmpl: str = 'frame{:06d}.jpg', texture: bool = False) -> None:
    os.makedirs(folder, exist_ok=True)
    for t in range(num_frames):
        with open(osp.join(folder, tmpl.format(t + 1)), 'wb') as f:
            f.write(jpg_bytes(frame_image(clip_index, t, texture)))


def stillmix_clips(draws: int = 2) -> List[Tuple[str, int, int]]:
    """``(clip name, num_frames, label)`` of the SCUBA clips of one background source."""
    clips = []
    for i, (video, label) in enumerate(HMDB_VIDEOS.items()):
        for k in range(draws):
            clips.append((f'{video}__{k}', 6 + i, label))
    return clips


def write_stillmix_sets(scuba: Sequence[Dict], conflfg: Sequence[Dict],
                        draws: int = 2, tmpl: str = 'frame{:06d}.jpg',
                        texture: bool = False) -> None:
    """Write StillMix-layout lists and frame folders at the paths of ``scuba`` /
    ``conflfg`` (the arguments of :class:`StillMixBiasDataset`, e.g. from a config)."""
    for b, source in enumerate(scuba):
        lines = []
        for c, (name, count, label) in enumerate(stillmix_clips(draws)):
            write_frames(osp.join(source['data_prefix'], name), 10 * b + c, count, tmpl,
                         texture)
            lines.append(f'{name} {count} {label}')
        os.makedirs(osp.dirname(source['ann_file']), exist_ok=True)
        # the list order is not the folder order: pairing must not rely on it
        with open(source['ann_file'], 'w') as f:
            f.write('\n'.join(lines[::-1]) + '\n')
    for s, source in enumerate(conflfg):
        dynamic, static = [], []
        for c, (video, label) in enumerate(HMDB_VIDEOS.items()):
            name = f'{video}__{s}'
            write_frames(osp.join(source['data_prefix'], name), 50 + 10 * s + c, 5, tmpl,
                         texture)
            dynamic.append(f'{name} 5 {label}')
            static.append(f'{name} 5 {(label + 1) % 3}')
        for key, lines in (('dynamic_list', dynamic), ('static_list', static)):
            os.makedirs(osp.dirname(source[key]), exist_ok=True)
            with open(source[key], 'w') as f:
                f.write('\n'.join(lines) + '\n')


def write_stillmix(root: str, backgrounds: Sequence[str] = ('places365', 'vqgan', 'stripes'),
                   draws: int = 2) -> Dict:
    """The StillMix layout under ``root``; returns the config pieces
    (``scuba`` / ``conflfg`` arguments of :class:`StillMixBiasDataset`)."""
    scuba = [dict(background=background,
                  ann_file=osp.join(root, background, 'testlist01.txt'),
                  data_prefix=osp.join(root, background, 'generated_videos'))
             for background in backgrounds]
    conflfg = dict(background='stripes',
                   dynamic_list=osp.join(root, 'conflfg', 'dynamic_testlist01.txt'),
                   static_list=osp.join(root, 'conflfg', 'static_testlist01.txt'),
                   data_prefix=osp.join(root, 'conflfg', 'generated_videos'))
    write_stillmix_sets(scuba, [conflfg], draws)
    return dict(scuba=scuba, conflfg=conflfg)


def write_zip(path: str, clip_index: int, num_frames: int,
              member_tmpl: str = '{:05d}.jpg', texture: bool = False) -> None:
    """A clip archive; members written in reverse order (the zip's order is not the clip's:
    the clip's order is the sorted names)."""
    os.makedirs(osp.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, 'w') as archive:
        for t in reversed(range(num_frames)):
            archive.writestr(member_tmpl.format(t + 1),
                             jpg_bytes(frame_image(clip_index, t, texture)))


def write_albar(root: str, dataset: str, videos: Sequence[str],
                backgrounds: Sequence[str] = ('Places365', 'Stripe'), suffix: str = '__0',
                static_frame: int = 2,
                texture: bool = False) -> Dict[str, Dict[str, Tuple[int, int]]]:
    """The ALBAR layout: ``<root>/<dataset>_SCUBA_<bg>/<video><suffix>.zip`` and
    ``<root>/<dataset>_SCUFO_<bg>/<video><suffix>.jpg`` (frame ``static_frame`` of the clip).
    Returns ``{background: {clip: (clip_index, num_frames)}}``."""
    written = {}
    for b, background in enumerate(backgrounds):
        written[background] = {}
        for v, video in enumerate(videos):
            clip, index, count = f'{video}{suffix}', 10 * b + v, 5 + v
            write_zip(osp.join(root, f'{dataset}_SCUBA_{background}', clip + '.zip'), index,
                      count, texture=texture)
            scufo = osp.join(root, f'{dataset}_SCUFO_{background}', clip + '.jpg')
            os.makedirs(osp.dirname(scufo), exist_ok=True)
            with open(scufo, 'wb') as f:
                f.write(jpg_bytes(frame_image(index, static_frame, texture)))
            written[background][clip] = (index, count)
    return written


def write_hmdb_list(path: str) -> str:
    """An MMAction2 HMDB51 test list ``<class>/<video>.avi <label>``."""
    with open(path, 'w') as f:
        for video, label in HMDB_VIDEOS.items():
            f.write(f'class_{label}/{video}.avi {label}\n')
    return path


def write_class_ind(path: str) -> str:
    """UCF101's ``classInd.txt``: ``<1-based index> <class>``."""
    with open(path, 'w') as f:
        for i, name in enumerate(UCF_CLASSES, 1):
            f.write(f'{i} {name}\n')
    return path


def decoded_colour(imgs) -> List[Tuple[int, int, int]]:
    """The (rounded) flat colour of each decoded frame."""
    return [tuple(int(round(c / 10.0)) * 10 for c in np.asarray(img).reshape(-1, 3).mean(0))
            for img in imgs]
