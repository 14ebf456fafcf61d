from typing import Dict, Optional

import numpy as np
from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ..pseudo_labels import load_pseudo_labels, video_key
from ...utils.checks import check_choice

LABEL_FORMATS = ('probs', 'top1', 'multi_hot')
#: The 'unlabelled' marker (``allow_missing=True``), left out of the aspect losses and of
#: the fairness metrics.
UNLABELLED = -1


@TRANSFORMS.register_module()
class LoadAspectLabels(BaseTransform):
    r"""Attach a video's label for one aspect (scene, object, ...) to the pipeline results.

    Looks the video up in a pseudo-label file (format in :mod:`mmdebias.datasets.pseudo_labels`,
    written by ``tools/data/extract_pseudo_labels.py``) and sets ``results[key]`` to a
    fixed-width float32 vector of length K, the number of classes of the file:

    - ``label_format='probs'`` (default, SDN's soft scene labels; Choi et al., NeurIPS 2019):
      the per-video probability vector :math:`p_v = \frac{1}{|F_v|}\sum_{t\in F_v}
      \mathrm{softmax}(s_t)`, renormalised to sum to 1;
    - ``'top1'``: the one-hot vector of its argmax (a single-label aspect);
    - ``'multi_hot'``: the stored row as is, entries in [0, 1] (multi-label tags, e.g. SMAD's
      object aspect).

    The labels are parsed and checked here, once per file: an all-zero probability row or a
    tag outside [0, 1] is an error naming the videos (finite, non-negative values and unique
    video keys are checked when the file is read). The adversaries
    (:class:`AspectAdversary`) only stack the vectors. Pack them for the model with
    ``PackActionInputs(algorithm_keys=('scene_label', ...))``. A fairness metric that groups
    by the aspect (``NMIFairnessMetric``) takes the argmax of the vector.

    A video missing from the file is an error naming the video, its key and the file, unless
    ``allow_missing=True``: then ``results[key] = -1``, the 'unlabelled' marker that the
    adversaries and the fairness metrics leave out.

    Required keys: ``filename`` (or ``frame_dir``). Added keys: ``key``.

    Args:
        label_file (str): Path of the ``.npz`` pseudo-label file.
        key (str): Results key to set. Defaults to ``'scene_label'``.
        data_root (str, optional): Videos are keyed by their path relative to it; None: by
            basename (must match how the file was written).
        label_format (str): ``'probs'``, ``'top1'`` or ``'multi_hot'``. Defaults to
            ``'probs'``.
        allow_missing (bool): Mark missing videos as unlabelled instead of raising.
    """

    def __init__(self, label_file: str, key: str = 'scene_label',
                 data_root: Optional[str] = None, label_format: str = 'probs',
                 allow_missing: bool = False) -> None:
        check_choice(label_format, LABEL_FORMATS, 'LoadAspectLabels: label_format')
        self.label_file = label_file
        self.key = key
        self.data_root = data_root
        self.label_format = label_format
        self.allow_missing = allow_missing
        self._table = None  # loaded lazily (once per dataloader worker)

    def _load(self):
        data = load_pseudo_labels(self.label_file)
        videos = data['videos'].astype(str)
        probs = data['probs']
        if self.label_format == 'top1':
            vectors = np.eye(probs.shape[1], dtype=np.float32)[data['top1']]
        elif self.label_format == 'multi_hot':
            bad = (probs > 1).any(axis=1)
            if bad.any():
                raise ValueError(f'LoadAspectLabels: {self.label_file}: multi-hot tags must be '
                                 f'in [0, 1]; videos {", ".join(videos[bad][:5])} have larger '
                                 "entries (use label_format='probs' for probabilities).")
            vectors = probs.astype(np.float32)
        else:
            rows = probs.astype(np.float64)
            total = rows.sum(axis=1, keepdims=True)
            bad = total[:, 0] <= 0
            if bad.any():
                raise ValueError(f'LoadAspectLabels: {self.label_file}: all-zero probability '
                                 f'rows for videos {", ".join(videos[bad][:5])}; leave them '
                                 'out of the file (with allow_missing=True they are trained '
                                 'as unlabelled).')
            vectors = (rows / total).astype(np.float32)
        self._table = ({v: i for i, v in enumerate(videos.tolist())}, vectors)

    def transform(self, results: Dict) -> Dict:
        if self._table is None:
            self._load()
        index, vectors = self._table
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
            results[self.key] = UNLABELLED
            return results
        results[self.key] = vectors[row].copy()
        return results

    def __repr__(self) -> str:
        return (f'{self.__class__.__name__}(label_file={self.label_file!r}, key={self.key!r}, '
                f'label_format={self.label_format!r}, allow_missing={self.allow_missing})')
