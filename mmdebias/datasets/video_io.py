"""Opening and decoding videos with decord, with errors that name the file and the fix.

decord reports a bad file as ``Error reading 20000 bytes...`` (when given the bytes, as
MMAction2's ``DecordInit`` does) or ``avcodec_send_packet ... Error sending packet`` (while
decoding), without the path; in a 10k-video set the bad clip cannot be found. Every reader of
the project goes through :func:`open_video` / :func:`read_frames`, and
:class:`BiasVideoDataset` turns decord errors raised inside its pipeline into
:class:`VideoReadError` with :func:`video_error` (validation at the boundary, the file).

decord 0.6 also decodes a few tiny frame sizes (e.g. 16 x 16, 48 x 48) into arrays with 4 to
48 "channels", or fails on them with ``Check failed: from_size == to_size``;
:func:`read_frames` refuses any batch that is not ``(T, H, W, 3)``.
"""
import os.path as osp
import re
import traceback
from typing import Optional, Sequence

import numpy as np

FIX = ('Replace the file (re-encode it, e.g. `ffmpeg -i IN -c:v libx264 -pix_fmt yuv420p '
       'OUT.mp4`) or remove it from the list')


_LOCATION = re.compile(r'\[\d\d:\d\d:\d\d\] \S+:\d+: ')


class VideoReadError(OSError):
    """A video file exists but cannot be opened or decoded (an ``OSError``)."""


def is_decode_error(error: BaseException) -> bool:
    """Whether ``error`` was raised by decord (its own ``DECORDError``, or the
    ``RuntimeError`` it raises when a file cannot be opened)."""
    if type(error).__name__ == 'DECORDError':
        return True
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and isinstance(error, RuntimeError) and (
        f'{osp.sep}decord{osp.sep}' in frames[-1].filename)


def _diagnosis(path: str) -> str:
    try:
        size = osp.getsize(path)
    except OSError:
        return ''
    return ' The file is empty (0 bytes).' if size == 0 else f' ({size} bytes)'


def video_error(path: str, error: BaseException, what: str = 'read',
                fix: str = FIX) -> VideoReadError:
    """A :class:`VideoReadError` naming ``path``, decord's message and ``fix``."""
    lines = str(error).strip().splitlines()
    # drop decord's '[hh:mm:ss] /github/workspace/src/...cc:218: ' source locations
    message = _LOCATION.sub('', lines[-1] if lines else type(error).__name__).strip(' .')
    return VideoReadError(f'cannot {what} video {path}:{_diagnosis(path)} decord: '
                          f'{message}. {fix}.')


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
