from typing import Dict, List, Optional, Sequence

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform
from mmengine.dataset import Compose

from ..detection_cache import MISSING_FRAME_MODES, cache_path, frame_boxes, load_detections
from ...utils.checks import check_choice

ACTOR_MISSING_FRAME_MODES = MISSING_FRAME_MODES


@TRANSFORMS.register_module()
class LoadActorMask(BaseTransform):
    """Per-frame actor masks from the person-detection cache, aligned with the final frames.

    For :class:`ActorCutMixBlending` (and any blending that needs to know where the actors
    are): for every sampled frame t, the union of the cached person boxes with score >=
    ``score_thr`` is rendered as a binary mask :math:`m_t` (1 inside a box). The masks must
    end up in the pixel grid of the *augmented* frames, so the spatial transforms are given
    to this transform (``transforms=[...]``) instead of the pipeline: it appends the masks to
    ``imgs`` as extra frames, runs the transforms once on frames and masks together (one
    random crop / flip for both), then splits them again. Place it right **after the
    decoding transform**, with the spatial transforms inside::

        dict(type='DecordDecode'),
        dict(type='LoadActorMask', cache_root='data/hmdb51/person_dets',
             data_root='data/hmdb51/videos',
             transforms=[dict(type='Resize', scale=(-1, 256)),
                         dict(type='RandomResizedCrop'),
                         dict(type='Resize', scale=(224, 224), keep_ratio=False),
                         dict(type='Flip', flip_ratio=0.5)]),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs', algorithm_keys=('actor_mask', )),

    Adds ``results['actor_mask']``: uint8 ``[F, H, W]`` (F sampled frames in sampling order,
    H x W the final frame size) and ``results['actor_mask_boxes']`` (boxes drawn). A clip
    without any box in its sampled frames gets an all-zero mask; ActorCutMix leaves such
    clips unmixed. The transforms inside must keep the number of frames (no ThreeCrop /
    TenCrop) and be geometric (photometric ones belong after this transform). Lazy mode
    (``Fuse``) is not supported inside.

    Boxes come from the cache written by ``tools/data/detect_humans.py`` (format in
    :mod:`mmdebias.datasets.detection_cache`; MotionShapes writes its actor boxes in it), in
    decoded-frame pixels, picked for the sampled frames by
    :func:`~mmdebias.datasets.detection_cache.frame_boxes`. A sampled frame the detector did
    not score takes the boxes of the nearest scored frame (``missing_frames='nearest'``,
    optionally at most ``max_frame_gap`` frames away), none (``'empty'``) or raises
    (``'error'``). A missing cache file is an error naming the video and the file.

    Args:
        cache_root (str): Root of the detection cache.
        data_root (str, optional): Videos are looked up by their path relative to it (as
            ``detect_humans.py --data-root``); None: by basename.
        transforms (list[dict]): Spatial transforms applied to frames and masks together.
            Defaults to none (masks at the decoded size).
        score_thr (float): Minimum box score. Defaults to 0.3.
        missing_frames (str): ``'nearest'``, ``'empty'`` or ``'error'``.
        max_frame_gap (int, optional): See above. Defaults to None (any distance).
    """

    def __init__(self,
                 cache_root: str,
                 data_root: Optional[str] = None,
                 transforms: Sequence[dict] = (),
                 score_thr: float = 0.3,
                 missing_frames: str = 'nearest',
                 max_frame_gap: Optional[int] = None) -> None:
        check_choice(missing_frames, ACTOR_MISSING_FRAME_MODES, 'LoadActorMask: missing_frames')
        if not np.isfinite(score_thr):
            raise ValueError(f'LoadActorMask: score_thr must be finite, got {score_thr!r}.')
        for t in transforms:
            if isinstance(t, dict) and t.get('type') in ('ThreeCrop', 'TenCrop', 'Fuse'):
                raise ValueError(f"LoadActorMask: {t['type']} cannot run inside it (it changes "
                                 'the number of frames or defers the crop); put it after.')
        self.cache_root = cache_root
        self.data_root = data_root
        self.transforms = Compose(list(transforms))
        self.score_thr = float(score_thr)
        self.missing_frames = missing_frames
        self.max_frame_gap = max_frame_gap

    def transform(self, results: Dict) -> Dict:
        imgs = list(results['imgs'])
        if not imgs:
            raise ValueError('LoadActorMask: no decoded frames; put it after the decoding '
                             'transform.')
        video = results.get('filename', results.get('frame_dir'))
        if video is None:
            raise KeyError('LoadActorMask needs results["filename"] (the video path) to find '
                           'the detection cache.')
        path = cache_path(video, self.cache_root, self.data_root)
        det = load_detections(path, video)
        height, width = imgs[0].shape[:2]
        if tuple(det['img_shape']) != (height, width):
            raise ValueError(
                f'LoadActorMask: frames of {video} are {height}x{width} but the detection cache '
                f'{path} was made at {det["img_shape"][0]}x{det["img_shape"][1]}. Put '
                'LoadActorMask right after the decoding transform, with the spatial transforms '
                'inside it (transforms=[...]).')
        frame_inds = np.asarray(results['frame_inds']).reshape(-1)
        if len(frame_inds) != len(imgs):
            raise ValueError(f'LoadActorMask: {len(imgs)} frames but {len(frame_inds)} '
                             f'frame_inds for {video}.')
        masks, n_boxes = self._render(det, frame_inds, height, width, video, path)

        num = len(imgs)
        results['imgs'] = imgs + masks
        results = self.transforms(results)
        if results is None:
            raise RuntimeError('LoadActorMask: a transform inside returned None.')
        out = results['imgs']
        if len(out) != 2 * num:
            raise ValueError(f'LoadActorMask: the transforms inside changed the number of '
                             f'frames ({2 * num} -> {len(out)}); only geometric, '
                             'frame-preserving transforms may run inside.')
        results['imgs'] = list(out[:num])
        results['actor_mask'] = np.stack([np.asarray(m)[..., 0] >= 128
                                          for m in out[num:]]).astype(np.uint8)
        results['actor_mask_boxes'] = n_boxes
        return results

    def _render(self, det: Dict[str, np.ndarray], frame_inds: np.ndarray, height: int,
                width: int, video: str, path: str):
        """Box masks of the sampled frames, as 3-channel uint8 images (255 = actor)."""
        t_of_box, boxes = frame_boxes(det, frame_inds, self.score_thr, self.missing_frames,
                                      self.max_frame_gap, 'LoadActorMask', video, path)
        masks: List[np.ndarray] = [np.zeros((height, width, 3), dtype=np.uint8)
                                   for _ in range(len(frame_inds))]
        for t, (x1, y1, x2, y2) in zip(t_of_box.tolist(), boxes.tolist()):
            masks[t][y1:y2, x1:x2] = 255
        return masks, len(t_of_box)

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(cache_root={self.cache_root!r}, '
                f'score_thr={self.score_thr}, missing_frames={self.missing_frames!r}, '
                f'transforms={self.transforms!r})')
