import math

import numpy as np
import pytest

from mmdebias.evaluation.functional import linear_probe_accuracy, scene_representation_bias


def test_scene_bias_formula():
    # SDN's UCF101 example: M = 59.7 %, chance 1/101 -> B = 4.09 (natural log)
    assert scene_representation_bias(0.597, 101) == pytest.approx(4.09, abs=0.01)
    assert scene_representation_bias(0.25, 4) == 0.0  # chance level
    assert scene_representation_bias(0.0, 4) == -math.inf
    with pytest.raises(ValueError):
        scene_representation_bias(1.5, 4)
    with pytest.raises(ValueError):
        scene_representation_bias(0.5, 1)


def test_linear_probe_separable_features():
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(3), 20)
    features = np.eye(3)[labels] * 5 + rng.normal(0, 0.1, (60, 3))
    accuracy, n_train, n_test = linear_probe_accuracy(features, labels, test_size=0.5)
    assert accuracy == 1.0 and n_train == 30 and n_test == 30


def test_linear_probe_needs_two_classes():
    with pytest.raises(ValueError, match='2 classes'):
        linear_probe_accuracy(np.zeros((4, 2)), [1, 1, 1, 1])
