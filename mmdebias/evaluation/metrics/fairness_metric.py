from typing import Dict, Hashable, List, Optional, Sequence

import numpy as np
from mmaction.registry import METRICS
from mmengine.evaluator import BaseMetric

import math

import torch

from ..functional import (accuracy_spread, conditional_nmi, equalized_odds_gap,
                          group_accuracy, nmi)
from ..functional.fairness import AVERAGE_METHODS
from .static_bias_metric import PROTOCOLS
from .utils import check_label, check_scores, describe
from ...utils.checks import check_choice

UNLABELLED = -1


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

    The attribute ``A`` of a sample may be a str, an int (also a numpy / tensor scalar, or an
    integral float: ``2.0`` is group ``2``) or a probability vector (list / array / tensor,
    e.g. :class:`LoadAspectLabels`' default ``label_format='probs'``), which is reduced to
    its top-1 class. ``-1`` is the 'unlabelled' marker (``LoadAspectLabels(allow_missing=
    True)``): such samples are left out of every fairness metric. Every sample is checked in
    ``process`` and an error names it (``video_id``): non-finite scores, labels outside
    ``[0, K)``, fractional / NaN / other negative attributes, and all-zero, negative or
    non-finite probability vectors. ``compute_metrics`` raises when no sample is left (none
    matched ``protocol``, all unlabelled, or none at all) instead of reporting zeros.

    Example::

        test_dataloader = dict(dataset=dict(type='BiasVideoDataset', ...,
            pipeline=[..., dict(type='PackActionInputs', meta_keys=('scene_label', ))]))
        test_evaluator = [dict(type='AccMetric'),
                          dict(type='NMIFairnessMetric', attribute_key='scene_label')]

    Args:
        attribute_key (str): Metainfo key of A. Defaults to ``'scene_label'``.
        protocol (str, optional): Only use samples whose metainfo ``protocol`` equals it
            (e.g. ``'original'`` when the test set also holds SCUBA clips); one of
            ``original, scuba, scufo, conflfg, conflbg``. Defaults to None (all samples).
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
        check_choice(average_method, AVERAGE_METHODS, 'NMIFairnessMetric: average_method')
        check_choice(protocol, PROTOCOLS, 'NMIFairnessMetric: protocol',
                     ' (None: all samples)', none_ok=True)
        self.attribute_key = attribute_key
        self.protocol = protocol
        self.average_method = average_method
        self.per_group = per_group

    def process(self, data_batch, data_samples: Sequence[dict]) -> None:
        name = type(self).__name__
        for sample in data_samples:
            if self.protocol is not None and sample.get('protocol') != self.protocol:
                self.results.append(dict(skipped='protocol', protocol=sample.get('protocol')))
                continue
            if sample.get(self.attribute_key) is None:
                raise ValueError(
                    f'NMIFairnessMetric: a data sample has no {self.attribute_key!r}; add it to '
                    'the annotations and to PackActionInputs(meta_keys=...).')
            attribute = self._attribute(sample[self.attribute_key], sample)
            if attribute == UNLABELLED:
                self.results.append(dict(skipped='unlabelled'))
                continue
            scores = check_scores(sample, name, self._num_classes)
            self._num_classes = len(scores)
            self.results.append(dict(
                pred=int(scores.argmax()),
                label=check_label(sample['gt_label'], sample, name, len(scores)),
                attribute=attribute))

    _num_classes: Optional[int] = None

    def _attribute(self, value, sample) -> Hashable:
        """The group of a sample: a str, an int, or the top-1 class of a probability
        vector; ``-1`` (unlabelled) is returned as is."""
        where = f'NMIFairnessMetric: {self.attribute_key} of {describe(sample)}'
        if isinstance(value, torch.Tensor):
            value = value.detach().cpu().numpy()
        if isinstance(value, (list, tuple, np.ndarray)):
            array = np.asarray(value)
            if array.size == 1 and array.dtype.kind in 'biuf':
                value = array.reshape(()).item()
            elif array.ndim == 1 and array.dtype.kind in 'iuf':
                array = array.astype(np.float64)
                if not np.isfinite(array).all():
                    raise ValueError(f'{where} is a non-finite probability vector {value!r}; '
                                     'fix the pseudo-label file.')
                if (array < 0).any():
                    raise ValueError(f'{where} is a probability vector with negative entries '
                                     f'{value!r}; fix the pseudo-label file.')
                if not array.any():
                    raise ValueError(f'{where} is an all-zero probability vector; use -1 for '
                                     'an unlabelled sample.')
                return int(array.argmax())
            else:
                raise ValueError(f'{where}: expected a str, an int or a probability vector, '
                                 f'got {value!r}.')
        if isinstance(value, (bool, np.bool_)):
            raise ValueError(f'{where}: expected a str, an int or a probability vector, got '
                             f'{value!r}.')
        if isinstance(value, (float, np.floating)):
            if not (math.isfinite(value) and float(value).is_integer()):
                raise ValueError(f'{where} is {value!r}; expected an int group, a str or a '
                                 'probability vector.')
            value = int(value)
        if isinstance(value, np.integer):
            value = int(value)
        if isinstance(value, int) and value < 0 and value != UNLABELLED:
            raise ValueError(f'{where} is {value}; groups are ints >= 0 or strings, and -1 '
                             'marks an unlabelled sample.')
        if not isinstance(value, (int, str)):
            raise ValueError(f'{where}: expected a str, an int or a probability vector, got '
                             f'{type(value).__name__} {value!r}.')
        return value

    def compute_metrics(self, results: List[dict]) -> Dict[str, float]:
        used = [r for r in results if 'skipped' not in r]
        if not used:
            raise ValueError(self._nothing_to_evaluate(results))
        results = used
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

    def _nothing_to_evaluate(self, results: List[dict]) -> str:
        if not results:
            return 'NMIFairnessMetric: no data sample to evaluate.'
        seen = sorted({str(r.get('protocol')) for r in results
                       if r.get('skipped') == 'protocol'})
        if seen and all(r.get('skipped') == 'protocol' for r in results):
            return (f'NMIFairnessMetric: protocol={self.protocol!r} matches no data sample; '
                    f'the samples have protocols {seen}. Fix the metric\'s protocol or keep '
                    "'protocol' in PackActionInputs(meta_keys=...).")
        return (f'NMIFairnessMetric: every data sample has {self.attribute_key} -1 '
                '(unlabelled, e.g. LoadAspectLabels(allow_missing=True)); nothing to evaluate.')
