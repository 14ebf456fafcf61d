"""Opening, decoding and writing videos offline with decord / OpenCV, with errors that name
the file and the fix.

Every offline reader of the project (the data tools, the benchmark builder, the analysis
tools) goes through :func:`open_video` / :func:`read_frames`, which raise
:class:`~mmdebias.datasets.video_errors.VideoReadError` naming the file (decord's own
messages do not). The error class lives in :mod:`mmdebias.datasets.video_errors` because the
training pipeline raises it too; this module is preparation only (no config builds it and
no transform calls it).

decord 0.6 also decodes a few tiny frame sizes (e.g. 16 x 16, 48 x 48) into arrays with 4 to
48 "channels", or fails on them with ``Check failed: from_size == to_size``;
:func:`read_frames` refuses any batch that is not ``(T, H, W, 3)``.

:func:`write_video` is the one video writer of the project (OpenCV ``mp4v``, written
atomically with :func:`mmdebias.utils.atomic_write`, optionally read back in full with
decord) and :func:`read_video_list` the one reader of MMAction2 ``VideoDataset`` lists.
"""
import os.path as osp
from typing import List, Optional, Sequence, Tuple

import numpy as np

from ..datasets.video_errors import FIX, VideoReadError, is_decode_error, video_error
from ..utils.atomic_write import atomic_write
from ..utils.list_files import class_index


def open_video(path: str, num_threads: int = 1):
    """``decord.VideoReader`` of ``path``; ``FileNotFoundError`` / :class:`VideoReadError`
    naming the file when it is missing, empty, not a video or has no frames."""
    import decord
    if not osp.isfile(path):
        raise FileNotFoundError(f'video not found: {path}')
    try:
        reader = decord.VideoReader(path, num_threads=num_threads)
    except Exception as error:
        raise video_error(path, error, 'open') from error
    if len(reader) == 0:
        raise VideoReadError(f'video {path} has no frames. {FIX}.')
    return reader


def read_frames(reader, indices: Sequence[int], path: str) -> np.ndarray:
    """Decode ``indices`` of ``reader`` (opened from ``path``): RGB uint8 ``(T, H, W, 3)``."""
    try:
        frames = reader.get_batch(list(indices)).asnumpy()
    except Exception as error:
        if not is_decode_error(error):
            raise
        raise video_error(path, error, 'decode', _tiny_fix(reader)) from error
    if frames.ndim != 4 or frames.shape[-1] != 3:
        raise VideoReadError(
            f'decord decodes video {path} into frames of shape {frames.shape[1:]} (channels '
            f'{frames.shape[-1] if frames.ndim == 4 else "?"} instead of 3), a decord 0.6 bug '
            f'for some tiny frame sizes. {_tiny_fix(reader)}.')
    return frames


def _tiny_fix(reader) -> str:
    try:
        height, width = reader[0].shape[:2]
    except Exception:
        return FIX
    if min(height, width) < 64:
        return (f'Its frames are {width}x{height}: decord 0.6 decodes some tiny sizes into the '
                'wrong number of channels or fails on them; write it at another output size '
                '(e.g. a short side of 64 or more)')
    return FIX


def read_video_frames(path: str, indices: Optional[Sequence[int]] = None,
                      num_threads: int = 1) -> np.ndarray:
    """Open ``path`` and decode ``indices`` (default: every frame)."""
    reader = open_video(path, num_threads)
    return read_frames(reader, range(len(reader)) if indices is None else indices, path)


def video_of_list_line(line: str, data_root: Optional[str] = None) -> str:
    """The video of an MMAction2 list line ``path [label]`` (joined with ``data_root`` unless
    absolute). The path may contain spaces: the whole line, then the line without a trailing
    integer label, then the first field -- whichever names an existing file first (the first
    field if none does, so that the video is reported missing by name)."""
    def resolve(relpath):
        if data_root is not None and not osp.isabs(relpath):
            return osp.join(data_root, relpath)
        return relpath

    text, fields = line.strip(), line.split()
    candidates = [text]
    if len(fields) > 1 and fields[-1].lstrip('-').isdigit():
        candidates.append(text.rsplit(None, 1)[0])
    candidates.append(fields[0])
    for candidate in candidates:
        if osp.isfile(resolve(candidate)):
            return resolve(candidate)
    return resolve(fields[0])


def read_video(path: str,
               max_frames: Optional[int] = None) -> Tuple[np.ndarray, float, int]:
    """Decode the first ``max_frames`` (default all) frames of ``path``.

    Returns:
        tuple: RGB frames ``(T, H, W, 3)`` uint8, the frame rate (30 if the file has none),
        the video's frame count.
    """
    if max_frames is not None and (isinstance(max_frames, bool) or
                                   not isinstance(max_frames, int) or max_frames < 1):
        raise ValueError(f'read_video: max_frames must be None or an int >= 1, got '
                         f'{max_frames!r}')
    reader = open_video(path)
    total = len(reader)
    count = total if max_frames is None else min(total, max_frames)
    frames = read_frames(reader, range(count), path)
    fps = float(reader.get_avg_fps())
    return frames, (fps if fps > 0 else 30.0), total


def write_video(path: str, frames: np.ndarray, fps: float, channel_order: str = 'rgb',
                verify: bool = True) -> None:
    """Write uint8 ``frames`` ``(T, H, W, 3)`` as an MPEG-4 video (OpenCV, ``mp4v``).

    The file is written atomically (:func:`~mmdebias.utils.atomic_write`): ``path`` never
    holds a partial video. With ``verify`` every frame is read back with decord before the
    rename: decord 0.6 decodes a few tiny sizes (e.g. 16, 24, 48 px) into 4 to 48
    "channels" or fails on them, and the test pipelines read with decord; a read-back that
    is not ``(T, H, W, 3)`` is an ``IOError`` naming the file (nothing is left at ``path``).

    Args:
        path (str): Output file (its folder is created).
        frames (np.ndarray): uint8 ``(T, H, W, 3)``.
        fps (float): Frame rate.
        channel_order (str): ``'rgb'`` (converted for OpenCV) or ``'bgr'`` (written as is).
        verify (bool): Read the video back. Defaults to True.
    """
    import cv2
    frames = np.asarray(frames)
    if frames.dtype != np.uint8 or frames.ndim != 4 or frames.shape[-1] != 3:
        raise ValueError(f'write_video({path}): frames must be uint8 (T, H, W, 3), got '
                         f'{frames.dtype} {frames.shape}')
    if channel_order not in ('rgb', 'bgr'):
        raise ValueError(f"write_video: channel_order must be 'rgb' or 'bgr', got "
                         f'{channel_order!r}')
    height, width = frames.shape[1:3]
    with atomic_write(path) as tmp:
        writer = cv2.VideoWriter(tmp, cv2.VideoWriter_fourcc(*'mp4v'), fps, (width, height))
        if not writer.isOpened():
            raise IOError(f'OpenCV cannot open a video writer for {path} (mp4v codec)')
        for frame in frames:
            writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR) if channel_order == 'rgb'
                         else frame)
        writer.release()
        if verify:
            try:
                reader = open_video(tmp)
                back = read_frames(reader, range(len(reader)), tmp)
                if back.shape != frames.shape:
                    raise IOError(f'it decodes to {back.shape}, not {frames.shape}')
            except Exception as error:
                raise IOError(f'decord cannot read back {path} ({width}x{height}; decord 0.6 '
                              'decodes some frame sizes into the wrong number of channels or '
                              f'fails on them): {error} Try another output size '
                              '(short_side).') from error


def read_video_list(path: str, data_root: Optional[str] = None,
                    labels: bool = True) -> List[Tuple[str, Optional[int]]]:
    """The videos of an MMAction2 ``VideoDataset`` list, one ``(video, label)`` per line.

    With ``labels`` (the default) every non-empty line is ``filename label``: the label is
    the last field, a class index >= 0, and the filename everything before it (it may
    contain spaces). Without (lists of videos to process, e.g. for detection or pseudo
    labels) a line is ``path [label]`` or a bare path, resolved with
    :func:`video_of_list_line` (spaces allowed); the label is then None. The video is joined
    with ``data_root`` (when given) unless absolute. An empty list, or a line without an
    integer label where one is needed, is a ``ValueError`` naming the file and the line.
    """
    items = []
    with open(path, encoding='utf-8') as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            if not labels:
                items.append((video_of_list_line(line, data_root), None))
                continue
            parts = line.strip().rsplit(None, 1)
            if len(parts) != 2:
                raise ValueError(f'{path}:{line_no}: expected "filename label", got {line!r}')
            label = class_index(parts[1], f'{path}:{line_no}', line)
            video = parts[0]
            if data_root is not None and not osp.isabs(video):
                video = osp.join(data_root, video)
            items.append((video, label))
    if not items:
        expected = '"filename label"' if labels else '"path [label]"'
        raise ValueError(f'{path}: no videos (the list is empty); expected {expected} lines.')
    return items
