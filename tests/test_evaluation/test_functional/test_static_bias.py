import numpy as np
import pytest

from mmdebias.evaluation.functional import (contrasted_accuracy, match_pairs, prediction_rate,
                                            top1_accuracy, top1_predictions)


def test_top1_ties_go_to_lowest_index():
    scores = np.array([[0.5, 0.5, 0.0], [0.1, 0.3, 0.3], [0.2, 0.2, 0.2]])
    assert top1_predictions(scores).tolist() == [0, 1, 0]
    assert top1_accuracy(scores, [1, 1, 0]) == pytest.approx(2 / 3)


@pytest.mark.parametrize('num_classes', [3, 400])
def test_top1_accuracy_is_mmactions_top_k_accuracy_without_ties(num_classes):
    from mmaction.evaluation.functional import top_k_accuracy
    rng = np.random.default_rng(num_classes)
    scores = rng.normal(size=(200, num_classes))  # continuous: no ties
    labels = rng.integers(0, num_classes, 200)
    labels[:100] = scores[:100].argmax(1)  # half of them right
    assert top1_accuracy(scores, labels) == pytest.approx(
        top_k_accuracy(list(scores), labels.tolist(), (1, ))[0], abs=0)


def test_top1_one_class_and_empty():
    assert top1_accuracy(np.ones((3, 1)), [0, 0, 0]) == 1.0
    assert top1_accuracy(np.zeros((0, 4)), []) == 0.0
    with pytest.raises(ValueError, match='num_classes'):
        top1_predictions(np.zeros(4))


def test_prediction_rate_counts_target_hits():
    scores = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
    assert prediction_rate(scores, [0, 0, 0]) == pytest.approx(2 / 3)


def test_contrasted_accuracy_hand_computed():
    labels = np.array([0, 1, 2, 1])
    scuba = np.eye(3)[[0, 1, 0, 1]]  # correct, correct, wrong, correct
    scufo = np.eye(3)[[1, 0, 2, 1]]  # != y, != y, == y, == y
    # only pairs 0 and 1 are SCUBA-correct with a SCUFO prediction != y
    assert contrasted_accuracy(scuba, scufo, labels) == 0.5
    assert contrasted_accuracy(np.zeros((0, 3)), np.zeros((0, 3)), []) == 0.0


def test_match_pairs_by_id_not_order():
    i, j = match_pairs(['a', 'b', 'c'], ['c', 'a', 'b'])
    assert [['a', 'b', 'c'][k] for k in i] == [['c', 'a', 'b'][k] for k in j]


@pytest.mark.parametrize('scuba, scufo, pattern', [
    (['a', 'b'], ['a'], 'without a SCUFO partner: b'),
    (['a'], ['a', 'z'], 'without a SCUBA partner: z'),
    (['a', 'a'], ['a'], 'duplicate SCUBA pair_id.*a'),
    (['a'], ['a', 'a'], 'duplicate SCUFO pair_id.*a'),
])
def test_match_pairs_errors_name_the_ids(scuba, scufo, pattern):
    with pytest.raises(ValueError, match=pattern):
        match_pairs(scuba, scufo)


def test_score_preference_rate_strict_and_checked():
    """StillMix's third Confl-FG number: s[dynamic] strictly above s[static]."""
    from mmdebias.evaluation.functional.static_bias import score_preference_rate
    scores = np.array([[0.3, 0.6, 0.1], [0.1, 0.2, 0.7], [0.0, 0.5, 0.5]])
    assert score_preference_rate(scores, [0, 2, 1], [1, 0, 2]) == pytest.approx(1 / 3)
    assert score_preference_rate(scores, [1, 2, 2], [0, 0, 1]) == pytest.approx(2 / 3)
    assert score_preference_rate(np.zeros((0, 3)), [], []) == 0.0
    with pytest.raises(ValueError, match='labels outside'):
        score_preference_rate(scores, [0, 2, 3], [1, 0, 2])
    with pytest.raises(ValueError, match='rows'):
        score_preference_rate(scores, [0, 2], [1, 0])
    with pytest.raises(ValueError, match='non-finite'):
        score_preference_rate(np.array([[np.nan, 1.0]]), [0], [1])
