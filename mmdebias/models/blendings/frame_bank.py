"""StillMix frame bank: file format, writing and validated loading.

A bank is one ``.npz`` file written by ``tools/data/stillmix_frame_bank.py``:

=============== =================== =======================================================
key             dtype / shape       meaning
=============== =================== =======================================================
``frames``      uint8 [N, H, W, 3]  RGB frames, resized (short side) and centre-cropped to
                                    the training crop size, NOT normalised
``labels``      int64 [N]           label of the video each frame comes from
``videos``      str [N]             video of each frame (path relative to the data root)
``frame_inds``  int64 [N]           0-based index of the frame in its video
``scores``      float32 [N]         the reference network's confidence the bank was cut on
``meta``        str (JSON)          how the bank was made (reference network, quantile, ...)
=============== =================== =======================================================

Only ``frames`` is required by :class:`StillMixBlending`. Frames are stored raw so one bank
serves any normalisation: the blending normalises the frames it draws with its own ``mean`` /
``std`` (set them to the data preprocessor's), channel order RGB as decoded by
``DecordDecode`` / ``PyAVDecode``. A bank whose frames are not the size of the training clips
is resized (bilinear) to the clip size when drawn.
"""
import json
import os.path as osp
from typing import Dict, Optional, Sequence

import numpy as np

from mmdebias.utils.atomic_write import atomic_write

BANK_TOOL = 'tools/data/stillmix_frame_bank.py'


def save_frame_bank(path: str, frames: np.ndarray, labels: Sequence[int],
                    videos: Sequence[str], frame_inds: Sequence[int],
                    scores: Sequence[float], meta: Optional[dict] = None) -> None:
    """Validate and write a bank atomically (temporary file + rename)."""
    frames = np.asarray(frames)
    _check_frames(frames, path)
    n = len(frames)
    arrays = dict(
        frames=frames,
        labels=np.asarray(labels, dtype=np.int64).reshape(-1),
        videos=np.asarray(list(videos), dtype=str).reshape(-1),
        frame_inds=np.asarray(frame_inds, dtype=np.int64).reshape(-1),
        scores=np.asarray(scores, dtype=np.float32).reshape(-1),
        meta=np.asarray(json.dumps(meta or {}, sort_keys=True)))
    for key in ('labels', 'videos', 'frame_inds', 'scores'):
        if len(arrays[key]) != n:
            raise ValueError(f'frame bank {path}: {n} frames but {len(arrays[key])} {key}.')
    with atomic_write(path) as tmp:
        np.savez(tmp, **arrays)


def load_frame_bank(path: str) -> Dict[str, np.ndarray]:
    """Read a bank; a missing file or a malformed ``frames`` array names the file and the fix."""
    if not osp.isfile(path):
        raise FileNotFoundError(
            f'StillMix frame bank {path!r} does not exist. Build it with '
            f'`python {BANK_TOOL} <video list> --ref-config <2D config> --work-dir <dir> '
            f'--out {path}` (see the tool\'s docstring), fix bank_file, or use the random '
            'variant (bank_file=None).')
    try:
        with np.load(path, allow_pickle=False) as f:
            bank = {k: f[k] for k in f.files}
    except Exception as e:  # not a zip/npz, truncated, ...
        raise ValueError(f'StillMix frame bank {path!r} cannot be read as .npz ({e}); rebuild '
                         f'it with {BANK_TOOL}.') from e
    if 'frames' not in bank:
        raise KeyError(f'StillMix frame bank {path!r} has no "frames" array (arrays: '
                       f'{sorted(bank)}); rebuild it with {BANK_TOOL}.')
    _check_frames(bank['frames'], path)
    return bank


def _check_frames(frames: np.ndarray, path: str) -> None:
    if frames.dtype != np.uint8 or frames.ndim != 4 or frames.shape[-1] != 3:
        raise ValueError(
            f'StillMix frame bank {path!r}: "frames" must be uint8 [N, H, W, 3] RGB frames '
            f'(raw, not normalised), got {frames.dtype} {tuple(frames.shape)}. Rebuild it '
            f'with {BANK_TOOL}.')
    if len(frames) == 0 or frames.shape[1] == 0 or frames.shape[2] == 0:
        raise ValueError(f'StillMix frame bank {path!r} is empty ({tuple(frames.shape)}).')
