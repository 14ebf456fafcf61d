import json
import os.path as osp
from typing import Dict, Optional

from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

from ...utils.checks import check_weight
from ..pseudo_labels import video_key


@TRANSFORMS.register_module()
class LoadSampleWeight(BaseTransform):
    """Attach a per-video training weight (``results['sample_weight']``) from a JSON file.

    The file maps video keys (paths relative to ``data_root``, or basenames) to weights >= 0,
    e.g. JTT's up-weighted error set (Liu et al., ICML 2021) or an oracle's group weights,
    written by ``tools/data/make_sample_weights.py``. Pack it with
    ``PackActionInputs(algorithm_keys=('sample_weight', ))``; ``SampleWeightObjective``
    weighs the main loss by it. A video missing from the file is an error naming it, unless
    ``default`` is given.

    Args:
        weight_file (str): JSON file ``{video_key: weight}``.
        data_root (str, optional): Videos are keyed by their path relative to it; None: by
            basename.
        default (float, optional): Weight of videos missing from the file. Defaults to None
            (missing is an error).
    """

    def __init__(self, weight_file: str, data_root: Optional[str] = None,
                 default: Optional[float] = None) -> None:
        if default is not None:  # None: a video missing from the file is an error
            default = check_weight(default, 'LoadSampleWeight: default (None or a weight)')
        self.weight_file, self.data_root, self.default = weight_file, data_root, default
        self._table = None

    def _load(self) -> dict:
        if not osp.isfile(self.weight_file):
            raise FileNotFoundError(
                f'LoadSampleWeight: weight file {self.weight_file} does not exist; write it with '
                'tools/data/make_sample_weights.py.')
        with open(self.weight_file) as f:
            try:
                table = json.load(f)
            except json.JSONDecodeError as error:
                raise ValueError(f'LoadSampleWeight: {self.weight_file} is not valid JSON '
                                 f'({error}); rewrite it with '
                                 'tools/data/make_sample_weights.py.') from None
        if not isinstance(table, dict) or not table:
            raise ValueError(f'LoadSampleWeight: {self.weight_file} must hold a non-empty '
                             'JSON object {video_key: weight}.')
        for key, value in table.items():
            check_weight(value, f'LoadSampleWeight: {self.weight_file}: weight of {key!r}',
                         fix='rewrite the file with tools/data/make_sample_weights.py')
        return table

    def transform(self, results: Dict) -> Dict:
        if self._table is None:
            self._table = self._load()
        video = results.get('filename', results.get('frame_dir'))
        if video is None:
            raise KeyError('LoadSampleWeight needs results["filename"] (or "frame_dir").')
        name = video_key(video, self.data_root)
        weight = self._table.get(name, self.default)
        if weight is None:
            raise KeyError(f'LoadSampleWeight: video {video} (key {name!r}) is not in '
                           f'{self.weight_file}; check data_root, regenerate the file, or set '
                           'default=<weight>.')
        results['sample_weight'] = float(weight)
        return results
