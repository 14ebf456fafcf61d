r"""Linear probe of frozen features: the cheap transfer check.

A multinomial logistic regression (scikit-learn ``LogisticRegression``, L2, lbfgs) on
standardised frozen features is trained on one set and scored by top-1 accuracy on another:

.. math::

    \hat W, \hat b = \arg\min_{W, b} \; \frac{1}{2C}\|W\|^2 - \sum_{i \in train}
        \log \mathrm{softmax}(W \tilde x_i + b)_{y_i}, \qquad
    \mathrm{top1} = \frac{1}{|test|} \sum_{j \in test} [\arg\max (W \tilde x_j + b) = y_j]

with :math:`\tilde x = (x - \mu) / \sigma` by the train set's mean and std. It is the probe of
the scene representation bias (Choi et al., SDN, NeurIPS 2019; Li et al., RESOUND, ECCV
2018; :mod:`.scene_bias`) applied to action labels: a frozen backbone whose penultimate
features separate the target's classes linearly transfers without fine-tuning.
"""
from typing import Dict, Sequence, Tuple

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def check_features(features: np.ndarray, labels: np.ndarray, what: str) -> Tuple[np.ndarray,
                                                                                 np.ndarray]:
    """Features as ``float64 [N, D]`` and labels ``[N]``; a row count that differs from the
    labels' or a non-finite feature is an error naming ``what`` and the rows."""
    features = np.asarray(features, dtype=np.float64)
    labels = np.asarray(labels)
    if len(features) == 0:
        raise ValueError(f'linear probe: {what} is empty (no videos).')
    features = features.reshape(len(features), -1)
    if len(features) != len(labels):
        raise ValueError(f'linear probe: {what} has {len(features)} feature rows for '
                         f'{len(labels)} labels')
    bad = np.flatnonzero(~np.isfinite(features).all(axis=1))
    if len(bad):
        raise ValueError(f'linear probe: features of {what} row(s) {bad[:10].tolist()} are '
                         'non-finite (NaN/inf); the model produced NaN/inf for those videos '
                         '(check its checkpoint and the videos).')
    return features, labels


def fit_linear_probe(features: np.ndarray, labels: np.ndarray, max_iter: int = 1000):
    """The fitted probe ``make_pipeline(StandardScaler(), LogisticRegression(max_iter))``
    (a constant feature is left unscaled). A train set with a single class is an error."""
    features, labels = check_features(features, labels, 'the train set')
    classes = np.unique(labels)
    if len(classes) < 2:
        raise ValueError(f'linear probe: the train set holds only class(es) {classes.tolist()}; '
                         'the probe needs at least 2 classes.')
    probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=max_iter))
    probe.fit(features, labels)
    return probe


def linear_probe_top1(train_features: np.ndarray, train_labels: np.ndarray,
                      test_features: np.ndarray, test_labels: np.ndarray,
                      max_iter: int = 1000) -> float:
    """Top-1 accuracy (a fraction) on the test set of a probe fitted on the train set.
    Test classes absent from the train set count as errors."""
    probe = fit_linear_probe(train_features, train_labels, max_iter)
    test_features, test_labels = check_features(test_features, test_labels, 'the test set')
    if test_features.shape[1] != probe[0].n_features_in_:
        raise ValueError(f'linear probe: the test features have {test_features.shape[1]} '
                         f'dimensions, the train features {probe[0].n_features_in_}; '
                         'extract both with the same model.')
    return float(probe.score(test_features, test_labels))


def mean_std(values: Sequence[float]) -> Dict[str, float]:
    """``dict(mean, std, n)``; std is the population standard deviation (``ddof=0``, 0 for
    a single value), as the project's seed summaries (``summarise_runs``) report it."""
    values = np.asarray(list(values), dtype=np.float64)
    if values.size == 0:
        raise ValueError('mean_std: no values')
    return dict(mean=float(values.mean()), std=float(values.std()), n=int(values.size))
