"""Frames of one video for the offline tools, through MMAction2's own test transforms.

The tools that run a frame model over a video list (``tools/analysis/scene_bias.py``,
``tools/data/extract_pseudo_labels.py``, ``tools/data/stillmix_frame_bank.py``) load clips
the way an MMAction2 test pipeline does, with its registered transforms composed by
``mmcv.transforms.Compose``::

    DecordInit -> SampleFrames(clip_len=1, num_clips=N, test_mode=True)  # or given frames
               -> DecordDecode -> Resize(scale=(-1, short_side)) -> CenterCrop(crop_size)
               -> FormatShape(input_format) -> PackActionInputs

``SampleFrames`` in test mode takes the centres of ``N`` equal segments, frame
``int((i + 1/2) T / N)`` of ``T``; ``Resize`` is OpenCV's bilinear resize of the short side
(the long side rounded half up); ``CenterCrop`` keeps the central ``crop_size`` square. A
video that cannot be opened or decoded is a :class:`~mmdebias.datasets.video_errors.VideoReadError`
naming the file (decord's own message, as ``DecordInit`` reads the bytes, does not).
"""
import os.path as osp
from typing import Optional, Sequence, Tuple

import numpy as np
import torch
from mmaction.registry import TRANSFORMS
from mmcv.transforms import Compose

from ..datasets.video_errors import FIX, VideoReadError, is_decode_error, video_error
from ..utils.checks import check_int


class FrameLoader:
    """Decode, sample, resize and centre-crop frames of a video (see the module docstring).

    Args:
        short_side (int): Short side after ``Resize``.
        crop_size (int): Side of the ``CenterCrop`` square.
        num_frames (int, optional): Frames sampled by ``SampleFrames`` (segment centres);
            None: the caller gives the frames (``frame_inds`` or ``stride``).
        input_format (str): ``FormatShape`` format. Defaults to ``'NCHW'`` (one frame per
            row of the output).
    """

    def __init__(self, short_side: int, crop_size: int, num_frames: Optional[int] = None,
                 input_format: str = 'NCHW') -> None:
        for name, value in (('short_side', short_side), ('crop_size', crop_size),
                            ('num_frames', 1 if num_frames is None else num_frames)):
            check_int(value, f'FrameLoader: {name}', 1)
        self.open = TRANSFORMS.build(dict(type='DecordInit', num_threads=1))
        self.sample = None if num_frames is None else TRANSFORMS.build(
            dict(type='SampleFrames', clip_len=1, num_clips=num_frames, test_mode=True))
        self.decode = Compose([
            TRANSFORMS.build(t) for t in (
                dict(type='DecordDecode'), dict(type='Resize', scale=(-1, short_side)),
                dict(type='CenterCrop', crop_size=crop_size),
                dict(type='FormatShape', input_format=input_format),
                dict(type='PackActionInputs'))
        ])

    def __call__(self, path: str, frame_inds: Optional[Sequence[int]] = None,
                 stride: Optional[int] = None) -> Tuple[torch.Tensor, np.ndarray]:
        """Frames of ``path``: the ``num_frames`` segment centres, the given ``frame_inds``,
        or every ``stride``-th frame (exactly one of the three).

        Returns:
            tuple: ``inputs``, uint8 ``(N, C, H, W)`` for ``'NCHW'`` (RGB), and the decoded
            frame indices ``(N, )``.
        """
        if (self.sample is not None) + (frame_inds is not None) + (stride is not None) != 1:
            raise ValueError('FrameLoader: give exactly one of num_frames (at construction), '
                             'frame_inds or stride')
        check_int(stride, 'FrameLoader: stride', 1, f' (every stride-th frame of {path})',
                  none_ok=True)
        _check_path(path)
        results = dict(filename=path, start_index=0, modality='RGB')
        try:
            results = self.open(results)
            if results['total_frames'] == 0:
                raise VideoReadError(f'video {path} has no frames. {FIX}.')
            if self.sample is not None:
                results = self.sample(results)
            else:
                inds = (np.arange(0, results['total_frames'], stride) if stride is not None
                        else np.asarray(frame_inds, np.int64).reshape(-1))
                if len(inds) == 0:
                    raise ValueError(f'FrameLoader: no frames to decode in {path}')
                total = results['total_frames']
                outside = inds[(inds < 0) | (inds >= total)]
                if len(outside):
                    raise ValueError(f'FrameLoader: frame_inds {outside[:10].tolist()} are '
                                     f'outside video {path}, which has {total} frames; give '
                                     f'indices in [0, {total - 1}].')
                results['frame_inds'] = inds
            inds = np.asarray(results['frame_inds']).reshape(-1)
            results = self.decode(results)
        except Exception as error:
            if is_decode_error(error):
                raise video_error(path, error, 'decode') from error
            raise
        return results['inputs'], inds


def _check_path(path: str) -> None:
    """A folder or a missing file is an error naming it (``DecordInit`` reads
    ``path + '.mp4'`` when ``path`` has no extension, and reports neither clearly)."""
    target = path if osp.splitext(path)[1] else path + '.mp4'
    if osp.isdir(target) or (osp.isdir(path) and not osp.exists(target)):
        raise IsADirectoryError(f'FrameLoader: {path} is a directory, not a video file; give '
                                'the path of a video (e.g. check the video list and data '
                                'root).')
    if not osp.exists(target):
        raise FileNotFoundError(f'FrameLoader: video {target} does not exist; check the video '
                                'list and its data root, or remove the entry from the list.')
