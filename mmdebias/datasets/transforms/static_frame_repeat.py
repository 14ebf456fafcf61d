from typing import Dict, Union

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform


@TRANSFORMS.register_module()
class StaticFrameRepeat(BaseTransform):
    r"""Replace the decoded frames by one of them repeated: a still clip without motion.

    Makes SCUFO clips (static cues in the foreground) on the fly from SCUBA videos, as
    StillMix does at test time (Li et al., ICCV 2023: a random frame of each SCUBA video,
    repeated); ALBAR instead writes one fixed frame to disk (``build_bias_benchmark.py``).
    With ``N = len(imgs)`` decoded frames (all clips of the sample):

    .. math:: \text{imgs}'[t] = \text{imgs}[t^*] \quad \forall t < N,

    :math:`t^*` drawn uniformly in ``[0, N)`` at every call (``'random'``), ``N // 2``
    (``'middle'``) or a fixed index in ``[-N, N)``. The frame is copied N times, so later
    in-place transforms (e.g. ``Flip``) stay correct. Put it right after the decoding
    transform (``DecordDecode`` ...); the frame count and shapes are unchanged.

    Required keys: ``imgs``. Modified keys: ``imgs``, ``frame_inds`` (if present). Added
    keys: ``static_frame_index`` (:math:`t^*`).

    Args:
        frame_index (int | str): ``'random'``, ``'middle'`` or an int. Defaults to
            ``'random'``.
    """

    def __init__(self, frame_index: Union[int, str] = 'random') -> None:
        valid = frame_index in ('random', 'middle') if isinstance(frame_index, str) else (
            isinstance(frame_index, int) and not isinstance(frame_index, bool))
        if not valid:
            raise ValueError("StaticFrameRepeat: frame_index must be 'random', 'middle' or an "
                             f'int, got {frame_index!r}')
        self.frame_index = frame_index

    def transform(self, results: Dict) -> Dict:
        imgs = results['imgs']
        num_frames = len(imgs)
        if num_frames == 0:
            raise ValueError('StaticFrameRepeat: no decoded frames in results["imgs"]')
        if self.frame_index == 'random':
            index = int(np.random.randint(num_frames))
        elif self.frame_index == 'middle':
            index = num_frames // 2
        else:
            index = self.frame_index
            if not -num_frames <= index < num_frames:
                raise IndexError(f'StaticFrameRepeat: frame_index {index} is out of range '
                                 f'for {num_frames} decoded frames')
            index %= num_frames
        frame = imgs[index]
        results['imgs'] = [frame.copy() for _ in range(num_frames)]
        if 'frame_inds' in results:
            frame_inds = np.asarray(results['frame_inds'])
            results['frame_inds'] = np.full_like(frame_inds, frame_inds.reshape(-1)[index])
        results['static_frame_index'] = index
        return results

    def __repr__(self) -> str:
        return f'{self.__class__.__name__}(frame_index={self.frame_index!r})'
