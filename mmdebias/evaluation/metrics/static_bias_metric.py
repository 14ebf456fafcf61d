from collections import defaultdict
from typing import Dict, List, Optional, Sequence

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric

from ..functional import contrasted_accuracy, match_pairs, prediction_rate, top1_accuracy
from ..functional.static_bias import score_preference_rate
from .utils import check_label, check_scores

PROTOCOLS = ('original', 'scuba', 'scufo', 'conflfg', 'conflbg')
# protocols whose clips carry the class of a conflicting static cue (``static_label``)
CONFLICT_PROTOCOLS = ('conflfg', 'conflbg')
_NAMES = dict(conflfg='Confl-FG', conflbg='Confl-BG')


@METRICS.register_module()
class StaticBiasMetric(BaseMetric):
    """Static-bias protocols: original / SCUBA / SCUFO / Confl-FG accuracy and contrasted
    accuracy (Li et al., StillMix, ICCV 2023; Fioresi et al., ALBAR, ICLR 2025), and
    Confl-BG (an mmdebias addition, see below).

    Every data sample carries ``pred_score``, ``gt_label`` and, in its metainfo (see
    :class:`BiasVideoDataset`), ``protocol`` and optionally ``pair_id``, ``background`` and
    ``static_label``. With ``ŷ_i = argmax_c pred_score_i[c]`` (a tie goes to the lowest
    class index) the metric reports fractions in [0, 1]:

    - ``original_top1`` / ``scuba_top1`` (↑) / ``scufo_top1`` (↓) / ``conflfg_top1`` (↑):
      ``mean_i [ŷ_i = y_i]`` over the clips of that protocol; for Confl-FG ``y`` is the
      moving actor's label (the clip's gt label).
    - ``conflfg_static_rate`` (↓): ``mean_i [ŷ_i = static_label_i]`` over Confl-FG clips,
      how often the static foreground of the other class wins.
    - ``conflfg_dynamic_over_static`` (↑): ``mean_i [s_i[y_i] > s_i[static_label_i]]``, how
      often the moving actor's class scores strictly above the static actor's -- the three
      Confl-FG keys are the three numbers of StillMix's official script
      (``compare_mix_SCUBA_SCUFO_results.py``), in its order.
    - ``conflbg_top1`` (↑) / ``conflbg_static_rate`` (↓) /
      ``conflbg_dynamic_over_static`` (↑): the same for Confl-BG clips, a
      moving actor of class ``y`` on a background that training associates with class
      ``static_label`` (the background counterpart of Confl-FG; needs a benchmark that
      knows which background goes with which class, e.g. MotionShapes).
    - ``contrasted_acc`` (↑): over SCUBA/SCUFO pairs matched by ``pair_id`` (never by order),
      ``mean [ŷ_scuba = y and ŷ_scufo != y]``.
    - ``<key>@<background>`` for each background source found in the metainfo (e.g.
      ``scuba_top1@stripes``); a pair's background is its SCUBA clip's. Samples without a
      background only count in the overall keys.

    A protocol that is not in the evaluation has no keys (they are absent, never NaN);
    ``contrasted_acc`` needs both SCUBA and SCUFO clips, and ``<confl>_static_rate`` needs
    ``static_label`` on every clip of that protocol. SCUFO clips may come from fixed pre-extracted
    frames (ALBAR) or from SCUBA videos with :class:`StaticFrameRepeat` (StillMix).

    Raises ``ValueError`` if a sample has no (or an unknown) protocol, if a SCUBA or SCUFO
    pair id occurs twice or lacks its partner (the ids are named), or if only some Confl-FG
    (Confl-BG) clips have a ``static_label``. Every sample is checked in ``process``: its
    ``pred_score`` must be a finite vector of K scores, the same K for all samples (an
    all-NaN model would otherwise score 100 % on class-0 clips, the argmax of NaN being 0),
    and ``gt_label`` / ``static_label`` class indices in ``[0, K)``; the error names the
    sample (``video_id``) and the fix.

    Example::

        test_evaluator = [dict(type='AccMetric'), dict(type='StaticBiasMetric')]

    Args:
        collect_device (str): ``'cpu'`` or ``'gpu'``. Defaults to ``'cpu'``.
        prefix (str, optional): Prefix of the keys. Defaults to ``'bias'`` (``bias/...``).
    """
    default_prefix: Optional[str] = 'bias'

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            protocol = sample.get('protocol')
            if protocol not in PROTOCOLS:
                raise ValueError(
                    f'StaticBiasMetric: a data sample has protocol {protocol!r}; expected one '
                    f'of {PROTOCOLS}. Load the test set with BiasVideoDataset and keep '
                    "'protocol', 'pair_id', 'background', 'static_label' in "
                    'PackActionInputs(meta_keys=...).')
            static_label = sample.get('static_label')
            name = type(self).__name__
            scores = check_scores(sample, name, len(self.results[0]['pred'])
                                  if self.results else None)
            self.results.append(dict(
                pred=scores,
                label=check_label(sample['gt_label'], sample, name, len(scores)),
                protocol=protocol,
                pair_id=sample.get('pair_id'),
                background=sample.get('background'),
                static_label=None if static_label is None else check_label(
                    static_label, sample, name, len(scores), 'static_label')))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        groups = defaultdict(list)
        for result in results:
            groups[result['protocol']].append(result)
        metrics = {}
        for protocol in PROTOCOLS:
            if protocol in groups:
                metrics.update(self._protocol_metrics(protocol, groups[protocol]))
        if 'scuba' in groups and 'scufo' in groups:
            metrics.update(self._contrasted_metrics(groups['scuba'], groups['scufo']))
        return metrics

    @staticmethod
    def _by_background(results: List[dict]) -> Dict[str, np.ndarray]:
        """Boolean row masks per background source (samples without one are left out)."""
        backgrounds = np.array([str(r['background']) if r['background'] is not None else ''
                                for r in results])
        return {bg: backgrounds == bg for bg in sorted(set(backgrounds.tolist())) if bg}

    def _protocol_metrics(self, protocol: str, results: List[dict]) -> Dict[str, float]:
        scores = np.stack([r['pred'] for r in results])
        labels = np.array([r['label'] for r in results])
        rows = {'': np.ones(len(results), dtype=bool)}
        rows.update({f'@{bg}': mask for bg, mask in self._by_background(results).items()})

        static = [r['static_label'] for r in results]
        with_static = sum(s is not None for s in static)
        conflict = protocol in CONFLICT_PROTOCOLS
        if conflict and 0 < with_static < len(static):
            raise ValueError(f'StaticBiasMetric: {len(static) - with_static} of {len(static)} '
                             f'{_NAMES[protocol]} clips have no static_label; give it for all '
                             'or none.')
        static = np.array(static) if conflict and with_static else None

        metrics = {}
        for suffix, rows_in in rows.items():
            metrics[f'{protocol}_top1{suffix}'] = top1_accuracy(scores[rows_in], labels[rows_in])
            if static is not None:
                metrics[f'{protocol}_static_rate{suffix}'] = prediction_rate(
                    scores[rows_in], static[rows_in])
                metrics[f'{protocol}_dynamic_over_static{suffix}'] = score_preference_rate(
                    scores[rows_in], labels[rows_in], static[rows_in])
        return metrics

    def _contrasted_metrics(self, scuba: List[dict], scufo: List[dict]) -> Dict[str, float]:
        for name, results in (('SCUBA', scuba), ('SCUFO', scufo)):
            if any(r['pair_id'] is None for r in results):
                raise ValueError(f'StaticBiasMetric: {name} clips without pair_id cannot be '
                                 "paired; keep 'pair_id' in PackActionInputs(meta_keys=...).")
        i, j = match_pairs([r['pair_id'] for r in scuba], [r['pair_id'] for r in scufo])
        scuba = [scuba[k] for k in i]
        scufo = [scufo[k] for k in j]
        mismatch = [a['pair_id'] for a, b in zip(scuba, scufo) if a['label'] != b['label']]
        if mismatch:
            raise ValueError(f'StaticBiasMetric: SCUBA and SCUFO clips of pair(s) '
                             f'{sorted(mismatch)[:10]} have different labels.')
        scuba_scores = np.stack([r['pred'] for r in scuba])
        scufo_scores = np.stack([r['pred'] for r in scufo])
        labels = np.array([r['label'] for r in scuba])
        metrics = {'contrasted_acc': contrasted_accuracy(scuba_scores, scufo_scores, labels)}
        for bg, rows in self._by_background(scuba).items():
            metrics[f'contrasted_acc@{bg}'] = contrasted_accuracy(
                scuba_scores[rows], scufo_scores[rows], labels[rows])
        return metrics
