import math

import pytest
import torch
from mmaction.registry import METRICS
from mmaction.structures import ActionDataSample

# the model predicts class 1 whenever the scene is 't' (see test_functional/test_fairness.py)
LABELS = [0, 0, 0, 0, 1, 1, 1, 1]
SCENES = ['s', 's', 't', 't', 's', 's', 't', 't']
PREDS = [0, 0, 1, 1, 1, 1, 1, 1]


def sample(pred, label, num_classes=2, **meta):
    scores = torch.full((num_classes, ), 0.1)
    scores[pred] = 0.9
    data_sample = ActionDataSample().set_gt_label(label).set_pred_score(scores)
    data_sample.set_metainfo(meta)
    return data_sample.to_dict()


def evaluate(samples, **kwargs):
    metric = METRICS.build(dict(type='NMIFairnessMetric', **kwargs))
    metric.process({}, samples)
    return metric.evaluate(len(samples))


def test_hand_computed():
    samples = [sample(p, y, scene_label=a) for p, y, a in zip(PREDS, LABELS, SCENES)]
    metrics = evaluate(samples)
    mi = 0.25 * math.log(2) + 0.25 * math.log(2 / 3) + 0.5 * math.log(4 / 3)
    h_pred = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))
    mi_suff = (2 * math.log(3 / 2) + math.log(3 / 4)) / 3
    h_suff = -(math.log(1 / 3) / 3 + 2 / 3 * math.log(2 / 3))
    expected = {
        'fairness/independence': mi / ((h_pred + math.log(2)) / 2),
        'fairness/oracle_independence': 0.0,
        'fairness/separation': 0.5,
        'fairness/sufficiency': 0.75 * mi_suff / h_suff,
        'fairness/acc@s': 1.0, 'fairness/acc@t': 0.5,
        'fairness/worst_group_acc': 0.5, 'fairness/acc_gap': 0.5, 'fairness/eo_gap': 0.5,
    }
    assert set(metrics) == set(expected)
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value, abs=1e-12), key


def test_attribute_key_protocol_filter_and_per_group():
    samples = [sample(p, y, place=a, protocol='original')
               for p, y, a in zip(PREDS, LABELS, SCENES)]
    samples.append(sample(0, 1, place='u', protocol='scuba'))  # filtered out
    metrics = evaluate(samples, attribute_key='place', protocol='original', per_group=False)
    assert 'fairness/acc@u' not in metrics and 'fairness/acc@s' not in metrics
    assert metrics['fairness/acc_gap'] == 0.5


@pytest.mark.parametrize('preds, labels, scenes', [
    ([0, 0, 0, 0], [0, 0, 0, 0], [0, 1, 2, 3]),  # one class, all predictions the same
    ([0, 1, 0, 1], [0, 1, 1, 0], [5, 5, 5, 5]),  # one group
    ([1, 1, 1, 1], [0, 1, 0, 1], [0, 1, 1, 0]),  # all-same predictions
])
def test_degenerate_inputs_are_nan_free(preds, labels, scenes):
    metrics = evaluate([sample(p, y, scene_label=a) for p, y, a in zip(preds, labels, scenes)])
    assert all(math.isfinite(v) for v in metrics.values()), metrics
    # a constant variable (or independent ones) carries no information: every score is 0
    for key in ('independence', 'separation', 'sufficiency', 'acc_gap', 'eo_gap'):
        assert metrics[f'fairness/{key}'] == pytest.approx(0.0, abs=1e-12), key


def test_nothing_to_evaluate_is_an_error_not_zeros():
    # zeros would read as a perfectly fair model (e.g. after a misspelled protocol filter)
    with pytest.raises(ValueError, match='no data sample to evaluate'):
        evaluate([])


def test_missing_attribute_is_an_error():
    with pytest.raises(ValueError, match="'scene_label'"):
        evaluate([sample(0, 0)])
    with pytest.raises(ValueError, match='average_method'):
        METRICS.build(dict(type='NMIFairnessMetric', average_method='harmonic'))
