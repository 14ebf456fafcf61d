import zlib
from typing import Dict, Optional, Union

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ...utils.checks import check_int


@TRANSFORMS.register_module()
class StaticFrameRepeat(BaseTransform):
    r"""Replace the decoded frames by one of them repeated: a still clip without motion.

    Makes SCUFO clips (static cues in the foreground) on the fly from SCUBA videos, as
    StillMix does at test time (Li et al., ICCV 2023: a random frame of each SCUBA video,
    repeated); ALBAR instead writes one fixed frame to disk (``build_bias_benchmark.py``).
    With ``N = len(imgs)`` decoded frames (all clips of the sample):

    .. math:: \text{imgs}'[t] = \text{imgs}[t^*] \quad \forall t < N,

    :math:`t^*` drawn uniformly in ``[0, N)`` at every call (``'random'``), ``N // 2``
    (``'middle'``) or a fixed index in ``[-N, N)``. With ``seed`` the random draw is a
    fixed function of the seed and the clip: :math:`t^*` is drawn by numpy's PCG64
    generator seeded with ``(seed, crc32(clip))``, the clip named by its ``pair_id``, else
    ``frame_dir`` or ``filename``; a SCUFO set is then the same in every run, with any
    number of dataloader workers and in any order (StillMix's own test draws the frame from
    the global random state; its README reports < 1.0 % spread of SCUFO accuracy over
    seeds). The frame is copied N times, so later
    in-place transforms (e.g. ``Flip``) stay correct. Put it right after the decoding
    transform (``DecordDecode`` ...); the frame count and shapes are unchanged.

    Required keys: ``imgs``. Modified keys: ``imgs``, ``frame_inds`` (if present). Added
    keys: ``static_frame_index`` (:math:`t^*`).

    Args:
        frame_index (int | str): ``'random'``, ``'middle'`` or an int. Defaults to
            ``'random'``.
        seed (int, optional): Seed of the per-clip draw of ``'random'`` (see above).
            Defaults to None (numpy's global random state, seeded by mmengine's
            ``randomness`` setting).
        scope (str): ``'sample'`` (default): :math:`t^*` among all ``N`` decoded frames of
            the sample, repeated over all of them. ``'clip'``: a sample of several clips of
            ``L = results['clip_len']`` frames (a 3D test with ``num_clips > 1``) -- one
            position :math:`t^* < L` for the sample, and clip ``c`` repeats its own frame
            ``c L + t^*``; this is StillMix's ``TemporalSelect`` for 3D models (for 2D
            models, ``clip_len=1``, StillMix picks one of all frames: ``'sample'``).
    """

    def __init__(self, frame_index: Union[int, str] = 'random',
                 seed: Optional[int] = None, scope: str = 'sample') -> None:
        valid = frame_index in ('random', 'middle') if isinstance(frame_index, str) else (
            isinstance(frame_index, int) and not isinstance(frame_index, bool))
        if not valid:
            raise ValueError("StaticFrameRepeat: frame_index must be 'random', 'middle' or an "
                             f'int, got {frame_index!r}')
        check_int(seed, 'StaticFrameRepeat: seed', 0, none_ok=True)
        if scope not in ('sample', 'clip'):
            raise ValueError(f"StaticFrameRepeat: scope must be 'sample' or 'clip', got "
                             f'{scope!r}')
        self.frame_index = frame_index
        self.seed = seed
        self.scope = scope

    def _random_index(self, results: Dict, num_frames: int) -> int:
        if self.seed is None:
            return int(np.random.randint(num_frames))
        key = next((str(results[k]) for k in ('pair_id', 'frame_dir', 'filename')
                    if results.get(k) is not None), None)
        if key is None:
            raise KeyError('StaticFrameRepeat: a seeded random frame needs the clip name in '
                           "results ('pair_id', 'frame_dir' or 'filename'); none is there.")
        generator = np.random.default_rng([self.seed, zlib.crc32(key.encode('utf-8'))])
        return int(generator.integers(num_frames))

    def transform(self, results: Dict) -> Dict:
        imgs = results['imgs']
        num_frames = len(imgs)
        if num_frames == 0:
            raise ValueError('StaticFrameRepeat: no decoded frames in results["imgs"]')
        length = num_frames
        if self.scope == 'clip':
            length = int(results.get('clip_len') or 0)
            if length < 1 or num_frames % length:
                raise ValueError(f"StaticFrameRepeat(scope='clip'): {num_frames} decoded "
                                 f"frames are not clips of clip_len={results.get('clip_len')}"
                                 ' frames; put it right after the decoding transform, after '
                                 'SampleFrames.')
        if self.frame_index == 'random':
            index = self._random_index(results, length)
        elif self.frame_index == 'middle':
            index = length // 2
        else:
            index = self.frame_index
            if not -length <= index < length:
                raise IndexError(f'StaticFrameRepeat: frame_index {index} is out of range '
                                 f'for {length} decoded frames')
            index %= length
        # frame t of the output is frame source[t] of the input
        source = np.arange(num_frames) // length * length + index
        results['imgs'] = [imgs[i].copy() for i in source]
        if 'frame_inds' in results:
            frame_inds = np.asarray(results['frame_inds'])
            flat = frame_inds.reshape(-1)
            if len(flat) == num_frames:
                results['frame_inds'] = flat[source].reshape(frame_inds.shape)
            else:
                results['frame_inds'] = np.full_like(frame_inds, flat[index])
        results['static_frame_index'] = index
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(frame_index={self.frame_index!r}, '
                f'seed={self.seed!r}, scope={self.scope!r})')
