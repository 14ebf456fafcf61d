import numpy as np
import pytest

from mmdebias.evaluation.functional import (fit_linear_probe, linear_probe_top1, mean_std)


def blobs(n_per_class, k, seed, noise=0.1, dim=5):
    rng = np.random.default_rng(seed)
    labels = np.repeat(np.arange(k), n_per_class)
    centres = np.random.default_rng(0).normal(0, 3, (k, dim))
    return centres[labels] + rng.normal(0, noise, (len(labels), dim)), labels


def test_separable_features_transfer():
    x_train, y_train = blobs(10, 4, seed=1)
    x_test, y_test = blobs(5, 4, seed=2)
    assert linear_probe_top1(x_train, y_train, x_test, y_test) == 1.0
    # the labels are what the probe learns: permuted test labels score 0
    assert linear_probe_top1(x_train, y_train, x_test, (y_test + 1) % 4) == 0.0


def test_uninformative_features_are_near_chance():
    rng = np.random.default_rng(0)
    x_train, x_test = rng.normal(size=(400, 8)), rng.normal(size=(400, 8))
    y_train, y_test = rng.integers(0, 4, 400), rng.integers(0, 4, 400)
    assert abs(linear_probe_top1(x_train, y_train, x_test, y_test) - 0.25) < 0.08


def test_standardised_features():
    # one feature at a huge scale does not drown the informative one
    x_train, y_train = blobs(10, 2, seed=1, dim=1)
    junk = np.random.default_rng(3).normal(0, 1e6, (20, 1))
    probe = fit_linear_probe(np.hstack([x_train, junk]), y_train)
    assert probe.score(np.hstack([x_train, junk]), y_train) == 1.0


def test_bad_inputs():
    x, y = blobs(3, 2, seed=1)
    with pytest.raises(ValueError, match='at least 2 classes'):
        fit_linear_probe(x, np.zeros(len(x), int))
    with pytest.raises(ValueError, match='5 dimensions, the train features 4'):
        linear_probe_top1(x[:, :4], y, x, y)
    bad = x.copy()
    bad[2, 0] = np.nan
    with pytest.raises(ValueError, match=r'test set row\(s\) \[2\] are non-finite'):
        linear_probe_top1(x, y, bad, y)
    with pytest.raises(ValueError, match='6 feature rows for 5 labels'):
        linear_probe_top1(x, y[:5], x, y)
    with pytest.raises(ValueError, match='empty'):
        linear_probe_top1(x, y, x[:0], y[:0])


def test_mean_std():
    assert mean_std([0.5, 0.7]) == dict(mean=pytest.approx(0.6), std=pytest.approx(0.1), n=2)
    assert mean_std([0.3]) == dict(mean=0.3, std=0.0, n=1)
    with pytest.raises(ValueError, match='no values'):
        mean_std([])
