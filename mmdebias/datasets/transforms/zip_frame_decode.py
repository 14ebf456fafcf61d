import zipfile
from typing import Dict

import mmcv
import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ..video_errors import VideoReadError


def _decode(data: bytes, where: str) -> np.ndarray:
    """RGB uint8 ``(H, W, 3)`` of encoded image bytes (OpenCV's ``imdecode``)."""
    try:
        frame = mmcv.imfrombytes(data, flag='color', channel_order='rgb')
    except Exception as error:  # cv2 raises cv2.error for some corrupt streams
        raise VideoReadError(f'cannot decode {where}: {error}. Replace the file with the '
                             'released one.') from error
    if frame is None or frame.ndim != 3 or frame.shape[-1] != 3:
        raise VideoReadError(f'cannot decode {where}: not an image OpenCV can read (empty, '
                             'truncated or another format). Replace the file with the '
                             'released one.')
    return frame


@TRANSFORMS.register_module()
class ZipFrameDecode(BaseTransform):
    """Decode the sampled frames of a clip opened by :class:`ZipFrameInit`, in memory.

    Each sampled frame is read from the zip (``ZipFile.read`` of its member, no file is
    written) and decoded with OpenCV (``mmcv.imfrombytes``, RGB); a one-image clip is
    decoded once and repeated. The output is that of ``DecordDecode`` / ``RawFrameDecode``,
    so any MMAction2 test pipeline continues unchanged (``Resize``, crops, ``FormatShape``).

    Required keys: ``filename``, ``zip_frames``, ``frame_inds``. Added keys: ``imgs``,
    ``original_shape``, ``img_shape``.

    A member that cannot be decoded is a
    :class:`~mmdebias.datasets.video_errors.VideoReadError` naming the archive and the member;
    a frame index outside the clip an ``IndexError`` naming the archive.
    """

    def transform(self, results: Dict) -> Dict:
        path = results['filename']
        names = results['zip_frames']
        inds = np.asarray(results['frame_inds']).reshape(-1).astype(np.int64)
        total = 1 if names is None else len(names)
        outside = inds[(inds < 0) | (inds >= total)]
        if len(outside):
            raise IndexError(f'ZipFrameDecode: frame indices {outside[:10].tolist()} are '
                             f'outside clip {path} of {total} frames (give SampleFrames '
                             'start_index 0 for a clip archive).')
        if names is None:
            with open(path, 'rb') as f:
                frame = _decode(f.read(), f'frame {path}')
            imgs = [frame.copy() for _ in inds]
        else:
            cache = {}
            try:
                with zipfile.ZipFile(path) as archive:
                    for index in np.unique(inds).tolist():
                        cache[index] = _decode(archive.read(names[index]),
                                               f'member {names[index]!r} of {path}')
            except (zipfile.BadZipFile, KeyError, OSError) as error:
                if isinstance(error, VideoReadError):
                    raise
                raise VideoReadError(f'cannot read clip archive {path}: {error}. Replace it '
                                     'with the released file.') from error
            # copies: later in-place transforms must not change the other repeats
            imgs = [cache[index].copy() for index in inds.tolist()]
        results['imgs'] = imgs
        results['original_shape'] = imgs[0].shape[:2]
        results['img_shape'] = imgs[0].shape[:2]
        return results
