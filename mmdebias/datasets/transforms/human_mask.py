import os.path as osp
from typing import Dict, Optional, Union

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform
from mmengine.logging import MMLogger

from ..detection_cache import (MISSING_FRAME_MODES, cache_path, detection_ratio,
                               frame_boxes, load_detections, pack_detections)
from ..person_detectors import PERSON_DETECTORS, build_person_detector
from ...utils.checks import check_choice

LOW_DETECTION_MODES = ('warn', 'skip', 'raise')
MASK_MODES = ('replace', 'pair')


@TRANSFORMS.register_module()
class HumanMask(BaseTransform):
    r"""Mask out detected people with the frame's mean colour (SDN's human-masked clips).

    SDN (Choi et al., "Why Can't I Dance in the Mall? Learning to Mitigate Scene Bias in
    Action Recognition", NeurIPS 2019, §3.3): every person box with score >= ``score_thr``
    (0.3) in a sampled frame :math:`I_t` is filled with that frame's mean colour,

    .. math:: I'_t(y, x) = \begin{cases} \bar I_t = \frac{1}{HW}\sum_{y,x} I_t(y, x) &
              (y, x) \in \bigcup_b \mathrm{box}_{t,b} \\ I_t(y, x) & \text{otherwise}
              \end{cases}

    The boxes come from the offline detection cache (format in
    :mod:`mmdebias.datasets.detection_cache`, written by ``tools/data/detect_humans.py``;
    :func:`~mmdebias.datasets.detection_cache.frame_boxes` picks those of the sampled
    frames), so
    the transform goes right **after the decoding transform** (``DecordDecode``) and before
    any spatial augmentation: boxes are in decoded-frame pixels (checked against the cache's
    ``img_shape``). Applied per video with probability ``mask_ratio``; sets
    ``results['human_masked']`` (True / False) for
    ``PackActionInputs(algorithm_keys=('human_masked', ...))`` and
    :class:`HumanMaskConfusionHead`. A clip in which no box was filled (no person in its
    sampled frames) is left as it is and marked ``human_masked=False``: maximising the action
    entropy of an unmasked clip would teach the opposite of SDN.

    Boxes are clipped to the frame and rounded outwards (``floor`` / ``ceil``); empty boxes
    are ignored. A sampled frame the detector did not score (detection with a frame stride)
    takes the boxes of the nearest scored frame (``missing_frames='nearest'``), none
    (``'empty'``) or raises (``'error'``). With ``'nearest'`` the borrowed frame must be at
    most ``max_frame_gap`` frames away: by default (``'auto'``) 16, and a frame farther from
    every scored frame (e.g. the cache was made with ``--max-frames``) is an error naming the
    video and the frames -- boxes are never borrowed from thousands of frames away; an int
    gap gives such frames no boxes, ``None`` allows any distance. ``min_detection_ratio``
    (SDN keeps videos where
    >= 70% of the scored frames have a person): for a video below it, ``'warn'`` logs and
    masks, ``'skip'`` logs and leaves the clip unmasked, ``'raise'`` stops with an error;
    nothing is dropped silently. The frames are changed in place, one slice assignment per
    box, and the mean colour is computed only for frames that have a box.

    Required keys: ``imgs``, ``frame_inds``, ``filename``. Modified: ``imgs`` (and with
    ``mode='pair'``: ``frame_inds``, ``num_clips``). Added: ``human_masked``,
    ``human_mask_boxes`` (number of filled boxes), ``human_mask_paired`` (``'pair'`` only).

    Args:
        cache_root (str): Root folder of the detection cache.
        data_root (str, optional): Videos are looked up by their path relative to it
            (mirrors ``detect_humans.py --data-root``); None: by basename.
        mask_ratio (float): Probability of masking a video. Defaults to 1.0.
        score_thr (float): Minimum box score, in [0, 1]. Defaults to 0.3.
        missing_frames (str): ``'nearest'``, ``'empty'`` or ``'error'``.
        max_frame_gap (int | str, optional): With ``'nearest'``: ``'auto'`` (default): at
            most 16 frames, farther is an error; an int >= 0: a scored frame farther than
            this counts as missing (then ``'empty'``); None: any distance.
        min_detection_ratio (float, optional): See above. Defaults to None (no rule).
        on_low_detection (str): ``'warn'``, ``'skip'`` or ``'raise'``. Defaults to ``'warn'``.
        detector (dict, optional): Online mode for small datasets and demos: a video without
            a cache file is not an error; the detector runs on its sampled frames instead
            (each time; nothing is written). A detector of the
            :data:`~mmdebias.datasets.person_detectors.PERSON_DETECTORS` registry:
            ``dict(type='hog')`` (OpenCV, no weights) or
            ``dict(type='mmdet', config=..., checkpoint=..., device='cpu')``. Defaults to None
            (cache only).
        mode (str): ``'replace'`` (default): a masked clip replaces the original.
            ``'pair'``: every sample carries two views, the original clip then its (possibly)
            masked copy, made before any spatial augmentation so both get the same crop and
            flip; ``num_clips`` and ``frame_inds`` are doubled and ``human_mask_paired`` is
            set. :class:`HumanMaskConfusionHead` and :class:`AdversarialAspectNeck` then use
            view 0 for the action / scene losses and view 1 (where ``human_masked``) for the
            confusion loss -- SDN's pairing of every video with its masked version
            (``mask_ratio=1.0``), in one joint step.
    """

    def __init__(self,
                 cache_root: str,
                 data_root: Optional[str] = None,
                 mask_ratio: float = 1.0,
                 score_thr: float = 0.3,
                 missing_frames: str = 'nearest',
                 max_frame_gap: Union[int, str, None] = 'auto',
                 min_detection_ratio: Optional[float] = None,
                 on_low_detection: str = 'warn',
                 mode: str = 'replace',
                 detector: Optional[dict] = None) -> None:
        if detector is not None and (not isinstance(detector, dict) or detector.get('type')
                                     not in PERSON_DETECTORS.module_dict):
            raise ValueError("HumanMask: detector must be None, dict(type='hog') or "
                             "dict(type='mmdet', config=..., checkpoint=...) (registered "
                             f'person detectors: {sorted(PERSON_DETECTORS.module_dict)}), got '
                             f'{detector!r}.')
        self.detector_cfg = detector
        self._detector = None  # built lazily, once per dataloader worker
        check_choice(mode, MASK_MODES, 'HumanMask: mode')
        self.mode = mode
        if not 0.0 <= float(mask_ratio) <= 1.0:
            raise ValueError(f'HumanMask: mask_ratio must be in [0, 1], got {mask_ratio!r}.')
        check_choice(missing_frames, MISSING_FRAME_MODES, 'HumanMask: missing_frames')
        check_choice(on_low_detection, LOW_DETECTION_MODES, 'HumanMask: on_low_detection')
        if min_detection_ratio is not None and not 0 <= min_detection_ratio <= 1:
            raise ValueError('HumanMask: min_detection_ratio must be a fraction in [0, 1] or '
                             f'None, got {min_detection_ratio!r} (SDN uses 0.7).')
        if isinstance(score_thr, bool) or not isinstance(score_thr, (int, float)) or not (
                0.0 <= score_thr <= 1.0):
            raise ValueError(f'HumanMask: score_thr must be in [0, 1], got {score_thr!r} '
                             '(mmdet scores are probabilities; a threshold above 1 drops every '
                             'box, a negative one keeps the noise).')
        if not (max_frame_gap is None or max_frame_gap == 'auto' or (
                isinstance(max_frame_gap, int) and not isinstance(max_frame_gap, bool)
                and max_frame_gap >= 0)):
            raise ValueError(f"HumanMask: max_frame_gap must be 'auto', None or an int >= 0 "
                             f'(frames), got {max_frame_gap!r}.')
        self.cache_root = cache_root
        self.data_root = data_root
        self.mask_ratio = float(mask_ratio)
        self.score_thr = float(score_thr)
        self.missing_frames = missing_frames
        self.max_frame_gap = max_frame_gap
        self.min_detection_ratio = min_detection_ratio
        self.on_low_detection = on_low_detection
        self._reported = set()

    def transform(self, results: Dict) -> Dict:
        results['human_masked'] = False
        results['human_mask_boxes'] = 0
        if self.mode == 'pair':
            results['human_mask_paired'] = True
        masked, n_boxes = None, 0
        if self.mask_ratio >= 1.0 or np.random.rand() < self.mask_ratio:
            imgs = results['imgs']
            if self.mode == 'pair':  # mask a copy; the original stays the first view
                imgs = [np.array(f, copy=True) for f in imgs]
            masked, n_boxes = self._mask_frames(results, imgs)
        if masked is not None:
            results['human_masked'] = True
            results['human_mask_boxes'] = n_boxes
        if self.mode == 'replace':
            if masked is not None:
                results['imgs'] = masked
            return results
        second = masked if masked is not None else [np.array(f, copy=True)
                                                    for f in results['imgs']]
        results['imgs'] = list(results['imgs']) + list(second)
        frame_inds = np.asarray(results['frame_inds']).reshape(-1)
        results['frame_inds'] = np.concatenate([frame_inds, frame_inds])
        results['num_clips'] = results.get('num_clips', 1) * 2
        return results

    def _mask_frames(self, results: Dict, imgs):
        """Mask ``imgs`` in place; ``(frames, boxes filled)`` or ``(None, 0)`` if none."""
        video = results.get('filename', results.get('frame_dir'))
        if video is None:
            raise KeyError('HumanMask needs results["filename"] (the video path) to find the '
                           'detection cache; use it with a VideoDataset pipeline.')
        path = cache_path(video, self.cache_root, self.data_root)
        if self.detector_cfg is not None and not osp.isfile(path):
            det = self._detect_online(results, imgs)
        else:
            det = load_detections(path, video)
        if self.min_detection_ratio is not None and not self._enough_detections(
                det, video, path):
            return None, 0

        if len(imgs) == 0:
            raise ValueError(f'HumanMask: no decoded frames for {video}.')
        h, w = imgs[0].shape[:2]
        if tuple(det['img_shape']) != (h, w):
            raise ValueError(
                f'HumanMask: frames of {video} are {h}x{w} but the detection cache {path} was '
                f'made at {det["img_shape"][0]}x{det["img_shape"][1]}. Put HumanMask right '
                'after the decoding transform (before Resize / crops), or rebuild the cache.')
        frame_inds = np.asarray(results['frame_inds']).reshape(-1)
        if len(frame_inds) != len(imgs):
            raise ValueError(f'HumanMask: {len(imgs)} frames but {len(frame_inds)} frame_inds '
                             f'for {video}.')

        t_of_box, boxes = frame_boxes(det, frame_inds, self.score_thr, self.missing_frames,
                                      self.max_frame_gap, 'HumanMask', video, path)
        if len(t_of_box) == 0:
            return None, 0  # no person in the sampled frames: the clip is not masked

        imgs = list(imgs)
        fill = {}
        for t in np.unique(t_of_box).tolist():
            if not imgs[t].flags.writeable:
                imgs[t] = imgs[t].copy()
            img = imgs[t]
            mean = _frame_mean(img)
            fill[t] = (np.round(mean) if np.issubdtype(img.dtype, np.integer) else mean
                       ).astype(img.dtype)
        # one slice assignment per box, on the [H, W * C] view of the frame: a contiguous
        # row pattern broadcast over rows is much faster than broadcasting a C-vector
        for t, (a, b_, c, d) in zip(t_of_box.tolist(), boxes.tolist()):
            img = imgs[t]
            if img.flags.c_contiguous:
                ch = img.shape[-1]
                img.reshape(img.shape[0], -1)[b_:d, a * ch:c * ch] = np.tile(fill[t], c - a)
            else:
                img[b_:d, a:c] = fill[t]
        return imgs, int(len(t_of_box))

    def _detect_online(self, results: Dict, imgs) -> Dict[str, np.ndarray]:
        """Run the configured detector on the sampled (still unmasked) frames."""
        if self._detector is None:
            self._detector = build_person_detector(self.detector_cfg)
        frame_inds = np.asarray(results['frame_inds']).reshape(-1)
        uniq, first = np.unique(frame_inds, return_index=True)
        outputs = self._detector([imgs[i] for i in first])
        return pack_detections(uniq, outputs, imgs[0].shape[:2],
                               where=f'online detections of {results.get("filename")}')

    def _enough_detections(self, det, video: str, path: str) -> bool:
        ratio = detection_ratio(det, self.score_thr)
        if ratio >= self.min_detection_ratio:
            return True
        msg = (f'HumanMask: only {ratio:.0%} of the scored frames of {video} have a person '
               f'(score >= {self.score_thr}); min_detection_ratio={self.min_detection_ratio}. '
               'Filter the annotation list with tools/data/detect_humans.py --report-ratio.')
        if self.on_low_detection == 'raise':
            raise ValueError(msg)
        if video not in self._reported:
            self._reported.add(video)
            action = 'masked anyway' if self.on_low_detection == 'warn' else 'left unmasked'
            MMLogger.get_current_instance().warning(f'{msg} This clip is {action}.')
        return self.on_low_detection == 'warn'

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(cache_root={self.cache_root!r}, '
                f'mask_ratio={self.mask_ratio}, score_thr={self.score_thr}, '
                f'missing_frames={self.missing_frames!r}, '
                f'min_detection_ratio={self.min_detection_ratio})')


def _frame_mean(img: np.ndarray) -> np.ndarray:
    """Per-channel mean of an [H, W, C] frame (float64).

    Integer frames are summed row-wise in uint32/uint64 (exact, and ~25x faster than
    ``img.reshape(-1, C).mean(0)``, whose reduction runs along a strided axis)."""
    h, w, c = img.shape
    if np.issubdtype(img.dtype, np.integer):
        acc = np.uint32 if img.dtype.itemsize == 1 and h < 2**24 else np.uint64
        cols = np.add.reduce(img.reshape(h, w * c), axis=0, dtype=acc)
        return cols.reshape(w, c).sum(axis=0, dtype=np.float64) / (h * w)
    return img.reshape(h, w * c).astype(np.float64).sum(axis=0).reshape(w, c).sum(0) / (h * w)
