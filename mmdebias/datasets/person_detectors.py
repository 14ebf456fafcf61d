"""Person detectors for the detection cache and for :class:`HumanMask`'s online mode.

A detector takes a list of RGB uint8 frames ``[H, W, 3]`` and returns, per frame,
``(boxes [B, 4] float32 x1 y1 x2 y2 in pixels, scores [B] float32)`` for the person class
only. Detectors are chosen by name from the :data:`PERSON_DETECTORS` registry (an mmengine
``Registry``): ``dict(type='hog')`` (:class:`HOGDetector`, OpenCV, no weights) or
``dict(type='mmdet', config=..., checkpoint=...)`` (:class:`MMDetDetector`, any MMDetection
3.x detector), as :class:`HumanMask` (``detector=``) and ``tools/data/detect_humans.py``
(``--detector``) take them. Another detector joins with
``@PERSON_DETECTORS.register_module(name=...)``.

Runtime, not preparation: besides ``tools/data/detect_humans.py``, a config builds one
inside :class:`HumanMask` (``detector=dict(type='hog')``, the online mode) and the pipeline
runs it at train time, so the detectors stay in :mod:`mmdebias.datasets`.
"""
from typing import Optional, Sequence

import numpy as np
from mmengine.registry import Registry

from ..utils.checks import check_choice

PERSON_DETECTORS = Registry('person detector', scope='mmdebias',
                            locations=['mmdebias.datasets.person_detectors'])


@PERSON_DETECTORS.register_module(name='hog')
class HOGDetector:
    """OpenCV's HOG + linear-SVM pedestrian detector (Dalal & Triggs 2005), no weights needed.

    Scores are the SVM margins OpenCV returns (>= 0 with the default hit threshold; not
    probabilities: about 0.3 - 1.5 for clear pedestrians). A frame smaller than the 64 x 128
    (width x height) detection window cannot hold a pedestrian and gets no boxes: OpenCV 4.11
    segfaults or aborts on such frames (e.g. 64 x 64) instead of returning none."""

    #: (width, height) of OpenCV's default people-detector window
    WINDOW = (64, 128)

    def __init__(self, win_stride: int = 8, scale: float = 1.05) -> None:
        import cv2
        self.cv2 = cv2
        self.hog = cv2.HOGDescriptor()
        self.hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())
        self.win_stride = (win_stride, win_stride)
        self.scale = scale

    def __call__(self, frames_rgb: Sequence[np.ndarray]):
        out = []
        for frame in frames_rgb:
            if frame.shape[1] < self.WINDOW[0] or frame.shape[0] < self.WINDOW[1]:
                out.append((np.zeros((0, 4), np.float32), np.zeros(0, np.float32)))
                continue
            bgr = np.ascontiguousarray(frame[..., ::-1])
            rects, weights = self.hog.detectMultiScale(
                bgr, winStride=self.win_stride, padding=(8, 8), scale=self.scale)
            rects = np.asarray(rects, dtype=np.float32).reshape(-1, 4)
            boxes = np.concatenate([rects[:, :2], rects[:, :2] + rects[:, 2:]], axis=1)
            out.append((boxes, np.asarray(weights, dtype=np.float32).reshape(-1)))
        return out


@PERSON_DETECTORS.register_module(name='mmdet')
class MMDetDetector:
    """Any MMDetection 3.x detector from config (+ checkpoint); keeps one class (person)."""

    def __init__(self, config: str, checkpoint: Optional[str] = None, device: str = 'cpu',
                 person_class: int = 0, cfg_options: Optional[dict] = None,
                 batch_size: int = 8) -> None:
        from mmengine.config import Config
        from mmengine.registry import DefaultScope
        if config.startswith('mmdet::'):
            from mmengine.hub import get_config
            cfg = get_config(config)  # Config.fromfile does not resolve 'mmdet::' roots
        else:
            cfg = Config.fromfile(config)
        if cfg_options:
            cfg.merge_from_dict(cfg_options)
        if checkpoint is None:
            # random init (tests): do not try to download pretrained backbone weights
            cfg.model.backbone.init_cfg = None
        self.scope = DefaultScope
        with DefaultScope.overwrite_default_scope('mmdet'):
            try:
                from mmdet.apis import init_detector
            except ImportError as error:
                raise ImportError(
                    f"person detector dict(type='mmdet', config={config!r}) needs MMDetection "
                    f'3.x, which cannot be imported ({error}): pip install "mmdet>=3.0" (with '
                    "mmcv's compiled ops), or use the weight-free dict(type='hog').") from error
            self.model = init_detector(cfg, checkpoint, device=device)
        self.person_class = person_class
        self.batch_size = batch_size

    def __call__(self, frames_rgb: Sequence[np.ndarray]):
        from mmdet.apis import inference_detector
        out = []
        with self.scope.overwrite_default_scope('mmdet'):
            for i in range(0, len(frames_rgb), self.batch_size):
                batch = [np.ascontiguousarray(f[..., ::-1]) for f in
                         frames_rgb[i:i + self.batch_size]]  # mmdet expects BGR arrays
                for res in inference_detector(self.model, batch):
                    inst = res.pred_instances
                    keep = inst.labels == self.person_class
                    out.append((inst.bboxes[keep].cpu().numpy().astype(np.float32),
                                inst.scores[keep].cpu().numpy().astype(np.float32)))
        return out


def build_person_detector(cfg: dict):
    """A person detector from ``dict(type=<registered name>, **kwargs)``.

    An unknown name (the error lists the registered ones) and an ``mmdet`` detector
    without its ``config`` raise ``ValueError``.
    """
    names = sorted(PERSON_DETECTORS.module_dict)
    if not isinstance(cfg, dict):
        raise TypeError(f'person detector config must be a dict such as dict(type=\'hog\') '
                        f'(registered types: {names}), got {cfg!r}.')
    cfg = dict(cfg)
    kind = cfg.pop('type', None)
    check_choice(kind, names, 'person detector type',
                 ' (registered in mmdebias.datasets.person_detectors.PERSON_DETECTORS)')
    if kind == 'mmdet' and 'config' not in cfg:
        raise ValueError("person detector dict(type='mmdet') needs config= (an mmdet "
                         "config file or 'mmdet::...') and usually checkpoint=.")
    # Registry.get, not Registry.build: build would switch to the default scope
    # ('mmaction'), which has no person-detector registry, and warn on every call
    return PERSON_DETECTORS.get(kind)(**cfg)
