import math

import pytest
import torch
from mmaction.registry import METRICS
from mmaction.structures import ActionDataSample


def sample(scores, label, **meta):
    """A data sample as the Evaluator hands it to a metric (ActionDataSample.to_dict())."""
    data_sample = ActionDataSample().set_gt_label(label)
    data_sample.set_pred_score(torch.tensor(scores, dtype=torch.float32))
    data_sample.set_metainfo(meta)
    return data_sample.to_dict()


def evaluate(samples, **kwargs):
    metric = METRICS.build(dict(type='StaticBiasMetric', **kwargs))
    metric.process({}, samples)
    return metric.evaluate(len(samples))


ORIGINAL = [
    sample([0.7, 0.2, 0.1], 0, protocol='original'),  # right
    sample([0.5, 0.5, 0.0], 1, protocol='original'),  # tie -> class 0: wrong
    sample([0.1, 0.1, 0.8], 2, protocol='original'),  # right
]
SCUBA = [
    sample([0.9, 0.1, 0.0], 0, protocol='scuba', pair_id='a', background='stripes'),  # right
    sample([0.2, 0.7, 0.1], 1, protocol='scuba', pair_id='b', background='stripes'),  # right
    sample([0.6, 0.3, 0.1], 2, protocol='scuba', pair_id='c', background='places'),  # wrong
    sample([0.1, 0.8, 0.1], 1, protocol='scuba', pair_id='d', background='places'),  # right
]
# deliberately not in SCUBA order: matching by position would give contrasted_acc 0.25
SCUFO = [
    sample([0.4, 0.4, 0.2], 1, protocol='scufo', pair_id='b', background='stripes'),  # 0 != y
    sample([0.1, 0.8, 0.1], 1, protocol='scufo', pair_id='d', background='places'),  # 1 == y
    sample([0.2, 0.5, 0.3], 0, protocol='scufo', pair_id='a', background='stripes'),  # 1 != y
    sample([0.3, 0.3, 0.4], 2, protocol='scufo', pair_id='c', background='places'),  # 2 == y
]
CONFLFG = [
    sample([0.3, 0.6, 0.1], 0, protocol='conflfg', static_label=1, background='stripes'),
    sample([0.1, 0.2, 0.7], 2, protocol='conflfg', static_label=0, background='stripes'),
    sample([0.0, 0.5, 0.5], 1, protocol='conflfg', static_label=2, background='stripes'),
]


def test_all_protocols_hand_computed():
    metrics = evaluate(ORIGINAL + SCUBA + SCUFO + CONFLFG)
    expected = {
        'bias/original_top1': 2 / 3,
        'bias/scuba_top1': 3 / 4, 'bias/scuba_top1@places': 1 / 2,
        'bias/scuba_top1@stripes': 1.0,
        'bias/scufo_top1': 2 / 4, 'bias/scufo_top1@places': 1.0,
        'bias/scufo_top1@stripes': 0.0,
        # pairs a, b: SCUBA right and SCUFO wrong; c: SCUBA wrong; d: SCUFO right
        'bias/contrasted_acc': 2 / 4, 'bias/contrasted_acc@places': 0.0,
        'bias/contrasted_acc@stripes': 1.0,
        'bias/conflfg_top1': 2 / 3, 'bias/conflfg_top1@stripes': 2 / 3,
        'bias/conflfg_static_rate': 1 / 3, 'bias/conflfg_static_rate@stripes': 1 / 3,
        # s[y] > s[static]: only row 2 (row 3 is a tie, 0.5 = 0.5: not above)
        'bias/conflfg_dynamic_over_static': 1 / 3,
        'bias/conflfg_dynamic_over_static@stripes': 1 / 3,
    }
    assert set(metrics) == set(expected)
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value), key


def test_absent_protocols_have_no_keys():
    assert set(evaluate(ORIGINAL)) == {'bias/original_top1'}
    only_scuba = evaluate(SCUBA)
    assert 'bias/contrasted_acc' not in only_scuba and 'bias/scufo_top1' not in only_scuba
    no_static = [sample([0.2, 0.8], 1, protocol='conflfg')]
    assert set(evaluate(no_static)) == {'bias/conflfg_top1'}


def test_unpaired_and_duplicate_ids_are_errors():
    with pytest.raises(ValueError, match='without a SCUFO partner: c'):
        evaluate(SCUBA + [s for s in SCUFO if s['pair_id'] != 'c'])
    with pytest.raises(ValueError, match='without a SCUBA partner: c'):
        evaluate([s for s in SCUBA if s['pair_id'] != 'c'] + SCUFO)
    with pytest.raises(ValueError, match='duplicate SCUFO pair_id.*: a'):
        evaluate(SCUBA + SCUFO + SCUFO[2:3])


def test_bad_metainfo_is_an_error():
    with pytest.raises(ValueError, match="protocol None"):
        evaluate([sample([0.2, 0.8], 1)])
    with pytest.raises(ValueError, match='protocol'):
        evaluate([sample([0.2, 0.8], 1, protocol='scubaa')])
    with pytest.raises(ValueError, match='static_label'):
        evaluate(CONFLFG + [sample([0.2, 0.8, 0.0], 1, protocol='conflfg')])
    with pytest.raises(ValueError, match='different labels'):
        evaluate(SCUBA[:1] + [sample([0.2, 0.8, 0.0], 2, protocol='scufo', pair_id='a')])


def test_one_class_is_nan_free():
    samples = [sample([1.0], 0, protocol=p, pair_id='x', static_label=0)
               for p in ('original', 'scuba', 'scufo', 'conflfg')]
    metrics = evaluate(samples)
    assert all(math.isfinite(v) for v in metrics.values())
    assert metrics['bias/scufo_top1'] == 1.0 and metrics['bias/contrasted_acc'] == 0.0
    assert evaluate([]) == {}


def test_prefix_is_configurable():
    assert set(evaluate(ORIGINAL, prefix='hmdb')) == {'hmdb/original_top1'}


def test_conflbg_hand_computed():
    """Confl-BG: accuracy against the moving actor's label and the rate of predicting the
    background's class, per background source like the other protocols."""
    conflbg = [
        sample([0.1, 0.8, 0.1], 1, protocol='conflbg', static_label=0, background='seen'),
        sample([0.7, 0.2, 0.1], 1, protocol='conflbg', static_label=0, background='seen'),
        sample([0.1, 0.1, 0.8], 1, protocol='conflbg', static_label=0, background='seen'),
        sample([0.2, 0.3, 0.5], 0, protocol='conflbg', static_label=2, background='places'),
    ]
    metrics = evaluate(conflbg)
    assert metrics == pytest.approx({
        'bias/conflbg_top1': 1 / 4, 'bias/conflbg_static_rate': 2 / 4,
        'bias/conflbg_top1@seen': 1 / 3, 'bias/conflbg_static_rate@seen': 1 / 3,
        'bias/conflbg_top1@places': 0.0, 'bias/conflbg_static_rate@places': 1.0,
        # s[y] > s[static]: row 1 only (row 3 ties at 0.1)
        'bias/conflbg_dynamic_over_static': 1 / 4,
        'bias/conflbg_dynamic_over_static@seen': 1 / 3,
        'bias/conflbg_dynamic_over_static@places': 0.0})
    with pytest.raises(ValueError, match='1 of 2 Confl-BG clips have no static_label'):
        evaluate(conflbg[:1] + [sample([0.2, 0.8, 0.0], 1, protocol='conflbg')])
