import math

import numpy as np
import pytest
from sklearn.metrics import normalized_mutual_info_score

from mmdebias.evaluation.functional import (accuracy_spread, conditional_nmi,
                                            equalized_odds_gap, group_accuracy, nmi)

# Y: label, A: scene, P: prediction -- the model predicts class 1 whenever the scene is 't'
Y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
A = np.array(['s', 's', 't', 't', 's', 's', 't', 't'])
P = np.array([0, 0, 1, 1, 1, 1, 1, 1])


def test_nmi_hand_computed():
    # p(P, A): (0,s)=1/4, (1,s)=1/4, (1,t)=1/2; p(P=1)=3/4, p(s)=p(t)=1/2
    mi = 0.25 * math.log(2) + 0.25 * math.log(2 / 3) + 0.5 * math.log(4 / 3)
    h_p = -(0.25 * math.log(0.25) + 0.75 * math.log(0.75))
    h_a = math.log(2)
    assert nmi(P, A) == pytest.approx(mi / ((h_p + h_a) / 2))
    assert nmi(P, A, 'min') == pytest.approx(mi / min(h_p, h_a))
    assert nmi(Y, A) == pytest.approx(0.0, abs=1e-12)  # Y and A are independent


def test_conditional_nmi_hand_computed():
    # separation, given Y: Y=0 -> P = A exactly (NMI 1); Y=1 -> P constant (0)
    assert conditional_nmi(P, A, Y) == pytest.approx(0.5)
    # sufficiency, given P: P=0 -> Y constant (0); P=1 (6 of 8 samples):
    # p(Y, A) = (0,t)=(1,s)=(1,t)=1/3, both marginals (1/3, 2/3)
    mi = (2 * math.log(3 / 2) + math.log(3 / 4)) / 3
    h = -(math.log(1 / 3) / 3 + 2 / 3 * math.log(2 / 3))
    assert conditional_nmi(Y, A, P) == pytest.approx(0.75 * mi / h)


@pytest.mark.parametrize('method', ['arithmetic', 'geometric', 'min', 'max'])
def test_conditional_nmi_matches_sklearn_per_slice(method):
    rng = np.random.default_rng(0)
    x = rng.integers(0, 5, 300)
    a = (x + rng.integers(0, 3, 300)) % 4
    c = rng.integers(0, 4, 300)
    expected = sum(np.mean(c == k) * normalized_mutual_info_score(
        x[c == k], a[c == k], average_method=method) for k in range(4))
    assert conditional_nmi(x, a, c, method) == pytest.approx(expected)
    assert conditional_nmi(x, a, np.zeros(300), method) == pytest.approx(
        normalized_mutual_info_score(x, a, average_method=method))


def test_degenerate_inputs_are_zero_not_nan():
    same = np.zeros(6, dtype=int)
    groups = np.array([0, 0, 1, 1, 2, 2])
    # scikit-learn says 1.0 for two constants; a constant carries no information: 0.0
    assert normalized_mutual_info_score(same, same) == 1.0
    assert nmi(same, same) == 0.0
    assert nmi(same, groups) == 0.0
    assert nmi([], []) == 0.0
    assert conditional_nmi(same, groups, same) == 0.0
    assert conditional_nmi(groups, groups, groups) == 0.0  # every slice is constant
    assert conditional_nmi([], [], []) == 0.0
    with pytest.raises(ValueError, match='average_method'):
        nmi(groups, groups, 'harmonic')


def test_group_accuracy_and_spread():
    per_group = group_accuracy(P, Y, A)
    assert per_group == {'s': 1.0, 't': 0.5}
    assert accuracy_spread(per_group) == 0.5
    assert accuracy_spread({'s': 0.7}) == 0.0
    assert accuracy_spread({}) == 0.0
    assert group_accuracy([], [], []) == {}


def test_equalized_odds_gap_skips_empty_cells():
    # class 0: TPR 1 in s, 0 in t -> 1; class 1: TPR 1 in both -> 0
    assert equalized_odds_gap(P, Y, A) == 0.5
    # class 2 only appears in group s: no spread to measure, so it is skipped
    assert equalized_odds_gap(np.append(P, 0), np.append(Y, 2), np.append(A, 's')) == 0.5
    assert equalized_odds_gap([0, 1], [0, 1], ['s', 't']) == 0.0  # no shared class
    assert equalized_odds_gap([], [], []) == 0.0
