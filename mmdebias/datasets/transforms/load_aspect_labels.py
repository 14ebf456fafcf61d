from typing import Dict, Optional

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ..pseudo_labels import load_pseudo_labels, video_key

LABEL_FORMATS = ('probs', 'top1')


@TRANSFORMS.register_module()
class LoadAspectLabels(BaseTransform):
    r"""Attach a video's pseudo label (scene, object, ...) to the pipeline results.

    Looks the video up in a pseudo-label file (format in :mod:`mmdebias.datasets.pseudo_labels`,
    written by ``tools/data/extract_pseudo_labels.py``) and sets ``results[key]`` to the
    per-video probability vector :math:`p_v = \frac{1}{|F_v|}\sum_{t\in F_v}
    \mathrm{softmax}(s_t)` (``label_format='probs'``, SDN's soft scene labels; Choi et al.,
    NeurIPS 2019) or to its argmax (``'top1'``). Pack it for the model with
    ``PackActionInputs(algorithm_keys=('scene_label', ...))``; :class:`AdversarialAspectNeck`
    reads it from the data samples.

    A video missing from the file is an error naming the video, its key and the file, unless
    ``allow_missing=True``: then ``results[key] = -1``, the explicit 'unlabelled' marker
    that the neck excludes from the loss.

    Required keys: ``filename`` (or ``frame_dir``). Added keys: ``key``.

    Args:
        label_file (str): Path of the ``.npz`` pseudo-label file.
        key (str): Results key to set. Defaults to ``'scene_label'``.
        data_root (str, optional): Videos are keyed by their path relative to it; None: by
            basename (must match how the file was written).
        label_format (str): ``'probs'`` or ``'top1'``. Defaults to ``'probs'``.
        allow_missing (bool): Mark missing videos as unlabelled instead of raising.
    """

    def __init__(self, label_file: str, key: str = 'scene_label',
                 data_root: Optional[str] = None, label_format: str = 'probs',
                 allow_missing: bool = False) -> None:
        if label_format not in LABEL_FORMATS:
            raise ValueError(f'LoadAspectLabels: label_format must be one of {LABEL_FORMATS}, '
                             f'got {label_format!r}.')
        self.label_file = label_file
        self.key = key
        self.data_root = data_root
        self.label_format = label_format
        self.allow_missing = allow_missing
        self._table = None  # loaded lazily (once per dataloader worker)

    def _load(self):
        data = load_pseudo_labels(self.label_file)
        index = {str(v): i for i, v in enumerate(data['videos'].tolist())}
        self._table = (index, data['probs'].astype(np.float32), data['top1'].astype(np.int64))

    def transform(self, results: Dict) -> Dict:
        if self._table is None:
            self._load()
        index, probs, top1 = self._table
        video = results.get('filename', results.get('frame_dir'))
        if video is None:
            raise KeyError('LoadAspectLabels needs results["filename"] (or "frame_dir").')
        name = video_key(video, self.data_root)
        row = index.get(name)
        if row is None:
            if not self.allow_missing:
                raise KeyError(
                    f'LoadAspectLabels: video {video} (key {name!r}) is not in the pseudo-label '
                    f'file {self.label_file}. Re-run tools/data/extract_pseudo_labels.py on '
                    'this list, check data_root, or set allow_missing=True to train it as '
                    'unlabelled.')
            results[self.key] = -1
            return results
        results[self.key] = probs[row].copy() if self.label_format == 'probs' else int(top1[row])
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(label_file={self.label_file!r}, key={self.key!r}, '
                f'label_format={self.label_format!r}, allow_missing={self.allow_missing})')
