"""Video read errors that name the file and the fix (runtime: datasets and transforms).

decord reports a bad file as ``Error reading 20000 bytes...`` (when given the bytes, as
MMAction2's ``DecordInit`` does) or ``avcodec_send_packet ... Error sending packet`` (while
decoding), without the path; in a 10k-video set the bad clip cannot be found.
:class:`~mmdebias.datasets.BiasVideoDataset` turns decord errors raised inside its pipeline
into :class:`VideoReadError` with :func:`video_error` (validation at the boundary, the
file), and :class:`~mmdebias.datasets.transforms.ZipFrameDecode` raises it for a bad frame
archive.

Why this is here and not in :mod:`mmdebias.preparation.video_io`: the data pipeline raises
these errors at train and test time, so they belong to the runtime package; the offline
video readers and the writer (:mod:`mmdebias.preparation.video_io`) raise the same class,
imported from here (``mmdebias.preparation`` imports ``mmdebias.datasets``, never the
reverse).
"""
import os.path as osp
import re
import traceback

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
