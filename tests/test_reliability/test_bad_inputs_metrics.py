"""Bad inputs for the metrics: StaticBiasMetric, NMIFairnessMetric, their numpy functions, the
scene-bias functions and the bias report.

Every case ends in a clear error (naming the sample / key / value and the fix) or a
documented correct result; see :mod:`tests.test_reliability.campaign`."""
import json
import math
from pathlib import Path

import numpy as np
import pytest
import torch
from mmaction.registry import METRICS

from mmdebias.evaluation import write_bias_report
from mmdebias.evaluation.bias_report import load_metrics
from mmdebias.evaluation.functional import (accuracy_spread, contrasted_accuracy,
                                            equalized_odds_gap, group_accuracy,
                                            linear_probe_accuracy, nmi,
                                            scene_representation_bias, top1_accuracy)
from tests.test_reliability.campaign import Case, assert_case, ids

CASES = []


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


def sample(pred=(0.1, 0.7, 0.2), label=1, protocol='original', video_id='v0', **meta):
    out = dict(pred_score=pred if not isinstance(pred, tuple) else torch.tensor(pred),
               gt_label=label if not isinstance(label, int) else torch.tensor([label]),
               protocol=protocol, video_id=video_id, **meta)
    return {k: v for k, v in out.items() if v is not ...}


def evaluate(metric_cfg, samples):
    metric = METRICS.build(metric_cfg)
    metric.process({}, samples)
    return metric.evaluate(len(samples))


# ----------------------------------------------------------------------- StaticBiasMetric
SBM = 'StaticBiasMetric'
NAN, INF = float('nan'), float('inf')


def bias(samples):
    return evaluate(dict(type=SBM), samples)


def pairs(n=2, scores=None, **change):
    """SCUBA / SCUFO pairs; ``scores`` for every clip (default: right on SCUBA)."""
    out = []
    for i in range(n):
        for protocol in ('scuba', 'scufo'):
            out.append(sample(scores or ((0.1, 0.9) if protocol == 'scuba' else (0.9, 0.1)),
                              1, protocol, f'v{i}', pair_id=f'v{i}#s0', background='stripes'))
    out[0].update(change)
    return out


for name, pred in [('all_nan', (NAN, NAN, NAN)), ('one_nan', (0.1, NAN, 0.2)),
                   ('pos_inf', (0.1, INF, 0.2)), ('neg_inf', (-INF, 0.1, 0.2))]:
    case(f'static_bias_scores_{name}', SBM, lambda tmp, p=pred: bias([sample(p, 0)]),
         raises=ValueError, match=['pred_score', "video_id='v0'", 'non-finite', 'checkpoint'])
case('static_bias_all_nan_model_is_not_100_percent', SBM,
     lambda tmp: bias([sample((NAN, NAN, NAN), 0, video_id=f'v{i}') for i in range(3)]),
     raises=ValueError, match=['non-finite'])
for name, label, frags in [('minus_one', -1, ['-1', '[0, 3)']),
                           ('million', 10**6, ['1000000', '[0, 3)']),
                           ('bool', True, ['gt_label', 'True']),
                           ('float', torch.tensor([1.5]), ['gt_label', '1.5']),
                           ('two_values', torch.tensor([1, 2]), ['gt_label', 'single label'])]:
    case(f'static_bias_label_{name}', SBM,
         lambda tmp, y=label: bias([sample(label=y if not isinstance(y, int) or isinstance(
             y, bool) else torch.tensor([y]))]),
         raises=ValueError, match=["video_id='v0'"] + frags)
for name, static, frags in [('minus_one', -1, ['static_label', '-1']),
                            ('beyond', 7, ['static_label', '7', '[0, 3)'])]:
    case(f'static_bias_static_label_{name}', SBM,
         lambda tmp, s=static: bias([sample(protocol='conflfg', static_label=s)]),
         raises=ValueError, match=["video_id='v0'"] + frags)
case('static_bias_scores_length_differs', SBM,
     lambda tmp: bias([sample(), sample((0.5, 0.5), video_id='v1')]), raises=ValueError,
     match=["video_id='v1'", '2 classes', '3'])
case('static_bias_scores_2d', SBM,
     lambda tmp: bias([sample(torch.ones(2, 3))]), raises=ValueError,
     match=["video_id='v0'", 'pred_score', '(2, 3)'])
case('static_bias_scores_empty', SBM, lambda tmp: bias([sample(torch.ones(0))]),
     raises=ValueError, match=["video_id='v0'", 'pred_score', '(0,)'])
case('static_bias_protocol_missing', SBM, lambda tmp: bias([sample(protocol=...)]),
     raises=ValueError, match=['protocol None', 'PackActionInputs(meta_keys'])
case('static_bias_protocol_typo', SBM, lambda tmp: bias([sample(protocol='scbua')]),
     raises=ValueError, match=["'scbua'", 'BiasVideoDataset'])
case('static_bias_duplicate_pair', SBM,
     lambda tmp: bias(pairs() + [sample((0.1, 0.9), 1, 'scuba', 'v9', pair_id='v0#s0')]),
     raises=ValueError, match=['duplicate SCUBA', 'v0#s0'])
case('static_bias_pair_without_partner', SBM, lambda tmp: bias(pairs()[:-1]),
     raises=ValueError, match=['without a SCUFO partner', 'v1#s0'])
case('static_bias_pair_label_mismatch', SBM, lambda tmp: bias(pairs(
    gt_label=torch.tensor([0]))), raises=ValueError, match=['v0#s0', 'different labels'])
case('static_bias_pair_id_missing', SBM, lambda tmp: bias(pairs(pair_id=None)),
     raises=ValueError, match=['pair_id', 'PackActionInputs(meta_keys'])
case('static_bias_static_label_partial', SBM,
     lambda tmp: bias([sample(protocol='conflfg', static_label=0),
                       sample(protocol='conflfg', video_id='v1')]),
     raises=ValueError, match=['1 of 2 Confl-FG', 'static_label'])
case('static_bias_no_samples', SBM, lambda tmp: bias([]), check=lambda m: m == {})
case('static_bias_scores_as_list', SBM, lambda tmp: bias([sample([0.1, 0.8, 0.1])]),
     check=lambda m: m == {'bias/original_top1': 1.0})
case('static_bias_scores_fp16', SBM,
     lambda tmp: bias([sample(torch.tensor([0.1, 0.8, 0.1], dtype=torch.float16))]),
     check=lambda m: m == {'bias/original_top1': 1.0})
case('static_bias_tie_lowest_index', SBM, lambda tmp: bias([sample((0.5, 0.5, 0.0), 0)]),
     check=lambda m: m == {'bias/original_top1': 1.0})
case('static_bias_label_plain_int', SBM, lambda tmp: bias([dict(sample(), gt_label=1)]),
     check=lambda m: m == {'bias/original_top1': 1.0})
case('static_bias_unicode_background', SBM,
     lambda tmp: bias([sample(protocol='scuba', background='forêt vierge', pair_id='p')]),
     check=lambda m: m == {'bias/scuba_top1': 1.0, 'bias/scuba_top1@forêt vierge': 1.0})
case('static_bias_contrasted_accuracy', SBM, lambda tmp: bias(pairs())['bias/contrasted_acc'],
     check=lambda v: v == 1.0)

# ----------------------------------------------------------------------- NMIFairnessMetric
NMI = 'NMIFairnessMetric'


def fair(samples, **kwargs):
    return evaluate(dict(type=NMI, **kwargs), samples)


def scenes(attrs, preds=None, labels=None, **extra):
    """One sample per attribute; by default label = i % 2, right on even i."""
    out = []
    for i, a in enumerate(attrs):
        y = labels[i] if labels is not None else i % 2
        p = preds[i] if preds is not None else (y if i % 2 == 0 else 1 - y)
        score = [0.0, 0.0, 0.0]
        score[p] = 1.0
        out.append(sample(tuple(score), y, video_id=f'v{i}', scene_label=a, **extra))
    return out


ATTRS = [0, 0, 1, 1, 2, 2, 0, 1]
REF = {}


def reference():
    if not REF:
        REF.update(fair(scenes(ATTRS)))
    return REF


def one_hot(a, k=3, p=0.8):
    v = np.full(k, (1 - p) / (k - 1), np.float32)
    v[a] = p
    return v


case('fairness_scores_nan', NMI, lambda tmp: fair([sample((NAN, 0.1, 0.2), scene_label=1)]),
     raises=ValueError, match=['pred_score', "video_id='v0'", 'non-finite'])
case('fairness_scores_inf', NMI, lambda tmp: fair([sample((INF, 0.1, 0.2), scene_label=1)]),
     raises=ValueError, match=['pred_score', "video_id='v0'", 'non-finite'])
case('fairness_prob_vector_attributes', NMI,
     lambda tmp: fair(scenes([one_hot(a) for a in ATTRS])),
     check=lambda m: m == reference())
case('fairness_prob_list_attributes', NMI,
     lambda tmp: fair(scenes([one_hot(a).tolist() for a in ATTRS])),
     check=lambda m: m == reference())
case('fairness_prob_tensor_attributes', NMI,
     lambda tmp: fair(scenes([torch.from_numpy(one_hot(a)) for a in ATTRS])),
     check=lambda m: m == reference())
case('fairness_unlabelled_excluded', NMI,
     lambda tmp: fair(scenes(ATTRS + [-1, -1], labels=[i % 2 for i in range(8)] + [0, 0],
                             preds=[(i % 2 if i % 2 == 0 else 1 - i % 2) for i in range(8)]
                             + [2, 2])),
     check=lambda m: m == reference())
case('fairness_all_unlabelled', NMI, lambda tmp: fair(scenes([-1, -1, -1])),
     raises=ValueError, match=['scene_label', 'unlabelled', '-1', 'LoadAspectLabels'])
case('fairness_negative_attribute', NMI, lambda tmp: fair(scenes([0, -2])), raises=ValueError,
     match=['scene_label', '-2', "video_id='v1'"])
case('fairness_float_attribute_same_group', NMI,
     lambda tmp: fair(scenes([float(a) for a in ATTRS])), check=lambda m: m == reference())
case('fairness_numpy_scalar_attribute', NMI,
     lambda tmp: fair(scenes([np.int64(a) for a in ATTRS])), check=lambda m: m == reference())
case('fairness_tensor_scalar_attribute', NMI,
     lambda tmp: fair(scenes([torch.tensor(a) for a in ATTRS])),
     check=lambda m: m == reference())
case('fairness_fractional_attribute', NMI, lambda tmp: fair(scenes([0.5, 1])),
     raises=ValueError, match=['scene_label', '0.5', "video_id='v0'"])
case('fairness_nan_attribute', NMI, lambda tmp: fair(scenes([NAN, 1])), raises=ValueError,
     match=['scene_label', 'nan', "video_id='v0'"])
case('fairness_all_zero_prob_vector', NMI,
     lambda tmp: fair(scenes([np.zeros(3, np.float32), one_hot(1)])), raises=ValueError,
     match=['scene_label', "video_id='v0'", 'all-zero'])
case('fairness_negative_prob_vector', NMI,
     lambda tmp: fair(scenes([np.array([-0.2, 0.6, 0.6], np.float32), one_hot(1)])),
     raises=ValueError, match=['scene_label', "video_id='v0'", 'negative'])
case('fairness_nan_prob_vector', NMI,
     lambda tmp: fair(scenes([np.array([NAN, 0.6, 0.6], np.float32), one_hot(1)])),
     raises=ValueError, match=['scene_label', "video_id='v0'", 'non-finite'])
case('fairness_attribute_missing', NMI, lambda tmp: fair([sample()]), raises=ValueError,
     match=["'scene_label'", 'PackActionInputs(meta_keys'])
case('fairness_attribute_key_typo', NMI,
     lambda tmp: fair(scenes(ATTRS), attribute_key='scnee_label'), raises=ValueError,
     match=["'scnee_label'", 'PackActionInputs(meta_keys'])
case('fairness_protocol_typo', NMI, lambda tmp: fair(scenes(ATTRS), protocol='orginal'),
     raises=ValueError, match=['protocol', "'orginal'", 'original'])
case('fairness_protocol_no_sample', NMI, lambda tmp: fair(scenes(ATTRS), protocol='scuba'),
     raises=ValueError, match=["protocol='scuba'", 'no data sample', "'original'"])
case('fairness_no_samples', NMI, lambda tmp: fair([]), raises=ValueError,
     match=['no data sample'])
case('fairness_label_minus_one', NMI,
     lambda tmp: fair([sample(label=-1, scene_label=0)]), raises=ValueError,
     match=["video_id='v0'", '-1', '[0, 3)'])
case('fairness_label_beyond', NMI, lambda tmp: fair([sample(label=5, scene_label=0)]),
     raises=ValueError, match=["video_id='v0'", '5', '[0, 3)'])
case('fairness_average_method_typo', NMI,
     lambda tmp: fair(scenes(ATTRS), average_method='mean'), raises=ValueError,
     match=['average_method', "'mean'"])
case('fairness_unicode_groups', NMI,
     lambda tmp: sorted(k for k in fair(scenes(['forêt', 'salle de bain'] * 2))
                        if '@' in k),
     check=lambda keys: keys == ['fairness/acc@forêt', 'fairness/acc@salle de bain'])
case('fairness_one_group_is_zero_not_nan', NMI, lambda tmp: fair(scenes([3] * 4)),
     check=lambda m: m['fairness/independence'] == 0.0 and m['fairness/acc_gap'] == 0.0)

# ----------------------------------------------------------------------- numpy functions
FN = 'metric functions'
case('top1_accuracy_nan_scores', FN,
     lambda tmp: top1_accuracy(np.array([[NAN, 1.0], [0.2, 0.1]]), [0, 0]),
     raises=ValueError, match=['scores', 'non-finite', 'row', '0'])
case('top1_accuracy_label_count_differs', FN,
     lambda tmp: top1_accuracy(np.eye(3), [0]), raises=ValueError,
     match=['3 rows', '1 labels'])
case('top1_accuracy_1d_scores', FN, lambda tmp: top1_accuracy(np.ones(3), [0, 0, 0]),
     raises=ValueError, match=['(N, num_classes)', '(3,)'])
case('top1_accuracy_empty', FN, lambda tmp: top1_accuracy(np.zeros((0, 3)), []),
     check=lambda v: v == 0.0)
case('contrasted_accuracy_rows_differ', FN,
     lambda tmp: contrasted_accuracy(np.eye(3), np.eye(3)[:2], [0, 1, 2]),
     raises=ValueError, match=['3', '2', 'pair'])
case('group_accuracy_lengths_differ', FN, lambda tmp: group_accuracy([0, 1], [0, 1], ['a']),
     raises=ValueError, match=['2', '1', 'groups'])
case('equalized_odds_lengths_differ', FN,
     lambda tmp: equalized_odds_gap([0, 1, 1], [0, 1], ['a', 'b']), raises=ValueError,
     match=['3', '2', 'labels'])
case('accuracy_spread_nan', FN, lambda tmp: accuracy_spread({'a': NAN, 'b': 0.5}),
     raises=ValueError, match=['accuracy', "'a'", 'nan'])
case('nmi_lengths_differ', FN, lambda tmp: nmi([0, 1], [0]), raises=ValueError,
     match=['differ in length', '2', '1'])
case('nmi_both_constant_is_zero', FN, lambda tmp: nmi([1, 1], [2, 2]),
     check=lambda v: v == 0.0)
case('scene_bias_accuracy_nan', FN, lambda tmp: scene_representation_bias(NAN, 10),
     raises=ValueError, match=['accuracy', 'nan'])
case('scene_bias_one_class', FN, lambda tmp: scene_representation_bias(0.5, 1),
     raises=ValueError, match=['at least 2 classes', '1'])
case('scene_bias_fractional_classes', FN, lambda tmp: scene_representation_bias(0.5, 2.5),
     raises=ValueError, match=['num_classes', '2.5'])
case('linear_probe_nan_features', FN,
     lambda tmp: linear_probe_accuracy(np.array([[NAN, 1]] + [[i, 1] for i in range(9)]),
                                       np.arange(10) % 2),
     raises=ValueError, match=['features', 'non-finite', 'row', '0'])
case('linear_probe_one_class_in_train_split', FN,  # seed 0 puts the only 1 into the test
     lambda tmp: linear_probe_accuracy(np.eye(6), np.array([0, 0, 0, 0, 0, 1]), 0.5),
     raises=ValueError, match=['train split', 'class(es) [1]', 'fewer than 2 samples'])
case('linear_probe_test_size_above_1', FN,
     lambda tmp: linear_probe_accuracy(np.eye(10), np.arange(10) % 2, test_size=1.5),
     raises=ValueError, match=['test_size', '1.5'])
case('linear_probe_rows_differ', FN,
     lambda tmp: linear_probe_accuracy(np.eye(10), np.arange(9) % 2), raises=ValueError,
     match=['10', '9', 'labels'])

# ----------------------------------------------------------------------- bias report
REP = 'bias_report'


def report(tmp, metrics, compare=None):
    tmp = Path(tmp)
    if compare is not None:
        (tmp / 'base line.json').write_text(compare)
    return write_bias_report(metrics, str(tmp / 'out' / 'report.json'),
                             str(tmp / 'base line.json') if compare is not None else None,
                             print_fn=lambda *a: None)


case('report_nan_metric', REP, lambda tmp: report(tmp, {'bias/scuba_top1': NAN}),
     raises=ValueError, match=["'bias/scuba_top1'", 'nan'])
case('report_compare_zero_byte', REP, lambda tmp: report(tmp, {'bias/a': 0.5}, ''),
     raises=ValueError, match=['base line.json', 'not valid JSON'])
case('report_compare_nan_value', REP,
     lambda tmp: report(tmp, {'bias/a': 0.5}, '{"bias/a": NaN}'), raises=ValueError,
     match=['base line.json', "'bias/a'", 'NaN'])
case('report_compare_is_a_list', REP, lambda tmp: report(tmp, {'bias/a': 0.5}, '[1, 2]'),
     raises=ValueError, match=['base line.json', 'JSON object'])
case('report_compare_missing', REP,
     lambda tmp: write_bias_report({'a': 1.0}, str(Path(tmp) / 'r.json'),
                                   str(Path(tmp) / 'none.json'), print_fn=lambda *a: None),
     raises=FileNotFoundError, match=['none.json'])
case('report_unicode_keys_and_text_values', REP,
     lambda tmp: json.loads(Path(report(tmp, {'bias/scuba_top1@forêt': 0.25,
                                              'note': 'n/a'})[0]).read_text()),
     check=lambda m: m == {'bias/scuba_top1@forêt': 0.25, 'note': 'n/a'})
case('report_load_metrics_roundtrip', REP,
     lambda tmp: load_metrics(report(tmp, {'bias/a': 0.5, 'bias/b': math.pi})[0]),
     check=lambda m: m == {'bias/a': 0.5, 'bias/b': math.pi})


@pytest.mark.parametrize('bad', CASES, ids=ids(CASES))
def test_bad_input(bad, tmp_path):
    assert_case(bad, tmp_path)
