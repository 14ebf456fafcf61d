from typing import Dict, List, Optional, Sequence

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric

from ..functional import (accuracy_spread, conditional_nmi, equalized_odds_gap,
                          group_accuracy, nmi)
from ..functional.fairness import AVERAGE_METHODS
from .utils import to_label, to_numpy


@METRICS.register_module()
class NMIFairnessMetric(BaseMetric):
    """NMI fairness metrics of SMAD (Duan et al., "Mitigating Representation Bias in Action
    Recognition: Algorithms and Benchmarks", ECCV 2022 workshops).

    ``Y`` is the action label, ``Ŷ = argmax pred_score`` (ties: lowest index) and ``A`` a
    per-video attribute read from the data sample's metainfo under ``attribute_key`` (e.g. a
    pseudo scene label; int or str). With the NMI and the conditional NMI of
    :mod:`mmdebias.evaluation.functional.fairness`, i.e.
    ``NMI(X; A) = I(X; A) / mean(H(X), H(A))`` and
    ``NMI(X; A | C) = sum_c p(c) NMI(X; A | C = c)``:

    - ``independence`` = NMI(Ŷ; A) (↓): predictions depend on the attribute.
    - ``separation`` = NMI(Ŷ; A | Y) (↓): ... even within a true class.
    - ``sufficiency`` = NMI(Y; A | Ŷ) (↓): the label still depends on A given the prediction.
    - ``oracle_independence`` = NMI(Y; A): the bias of the labels themselves, the reference
      for ``independence`` (the paper's Table 4: a model amplifies scene bias when
      independence exceeds it).
    - ``acc@<group>``: top-1 accuracy within each attribute value (``per_group=True``).
    - ``worst_group_acc`` (↑): the lowest per-group accuracy.
    - ``acc_gap`` (↓): max - min per-group accuracy.
    - ``eo_gap`` (↓): equalized-odds gap, the mean over classes of the max - min true-positive
      rate ``P(Ŷ = y | Y = y, A = a)`` across groups (see :func:`equalized_odds_gap`); the
      paper pursues equalized odds as a small spread of exactly these rates.

    Conventions for degenerate inputs (never NaN): a constant variable (one class, all
    predictions equal, one group) has NMI 0; spreads over fewer than two groups are 0; a
    (group, class) cell without samples is skipped.

    Example::

        test_dataloader = dict(dataset=dict(type='BiasVideoDataset', ...,
            pipeline=[..., dict(type='PackActionInputs', meta_keys=('scene_label', ))]))
        test_evaluator = [dict(type='AccMetric'),
                          dict(type='NMIFairnessMetric', attribute_key='scene_label')]

    Args:
        attribute_key (str): Metainfo key of A. Defaults to ``'scene_label'``.
        protocol (str, optional): Only use samples whose metainfo ``protocol`` equals it
            (e.g. ``'original'`` when the test set also holds SCUBA clips). Defaults to None
            (all samples).
        average_method (str): NMI normalisation, ``'arithmetic'`` (default, scikit-learn's
            default), ``'geometric'``, ``'min'`` or ``'max'``.
        per_group (bool): Report ``acc@<group>`` for every group. Defaults to True.
        collect_device (str): ``'cpu'`` or ``'gpu'``. Defaults to ``'cpu'``.
        prefix (str, optional): Defaults to ``'fairness'`` (``fairness/independence`` ...).
    """
    default_prefix: Optional[str] = 'fairness'

    def __init__(self, attribute_key: str = 'scene_label', protocol: Optional[str] = None,
                 average_method: str = 'arithmetic', per_group: bool = True,
                 collect_device: str = 'cpu', prefix: Optional[str] = None) -> None:
        super().__init__(collect_device=collect_device, prefix=prefix)
        if average_method not in AVERAGE_METHODS:
            raise ValueError(f'NMIFairnessMetric: average_method must be one of '
                             f'{AVERAGE_METHODS}, got {average_method!r}')
        self.attribute_key = attribute_key
        self.protocol = protocol
        self.average_method = average_method
        self.per_group = per_group

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        for sample in data_samples:
            if self.protocol is not None and sample.get('protocol') != self.protocol:
                continue
            if sample.get(self.attribute_key) is None:
                raise ValueError(
                    f'NMIFairnessMetric: a data sample has no {self.attribute_key!r}; add it to '
                    'the annotations and to PackActionInputs(meta_keys=...).')
            self.results.append(dict(
                pred=int(to_numpy(sample['pred_score']).argmax()),
                label=to_label(sample['gt_label']),
                attribute=sample[self.attribute_key]))

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        preds = np.array([r['pred'] for r in results], dtype=np.int64)
        labels = np.array([r['label'] for r in results], dtype=np.int64)
        attrs = np.array([str(r['attribute']) for r in results])
        method = self.average_method
        per_group = group_accuracy(preds, labels, attrs)
        metrics = {
            'independence': nmi(preds, attrs, method),
            'oracle_independence': nmi(labels, attrs, method),
            'separation': conditional_nmi(preds, attrs, labels, method),
            'sufficiency': conditional_nmi(labels, attrs, preds, method),
            'worst_group_acc': min(per_group.values(), default=0.0),
            'acc_gap': accuracy_spread(per_group),
            'eo_gap': equalized_odds_gap(preds, labels, attrs),
        }
        if self.per_group:
            metrics.update({f'acc@{group}': acc for group, acc in per_group.items()})
        return metrics
