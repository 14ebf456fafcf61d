r"""Scene representation bias (Choi et al., SDN, NeurIPS 2019; Li et al., RESOUND, ECCV 2018).

.. math::
    B = \ln \frac{M(D, \phi_{scene})}{M_{rand}}

``M`` is the test accuracy of a linear classifier trained on frozen scene features
``phi_scene`` of the videos of dataset ``D`` (the papers use a Places365 ResNet-50) and
``M_rand = 1 / num_classes`` the chance accuracy. Example from SDN (UCF101):
``ln(0.597 / 0.0099) = 4.09``. ``B = 0`` means scene features do no better than chance.
"""
import math
from typing import Tuple

import numpy as np
from sklearn.model_selection import train_test_split

from .linear_probe import check_features, linear_probe_top1


def scene_representation_bias(accuracy: float, num_classes: int) -> float:
    """``B = ln(M / M_rand)`` with ``M_rand = 1 / num_classes``.

    ``accuracy`` is a fraction in [0, 1]. ``M = 0`` gives ``-inf`` (the probe is worse than
    chance on every sample); that value is returned as is, not replaced.
    """
    if not 0.0 <= accuracy <= 1.0:
        raise ValueError(f'accuracy must be a fraction in [0, 1], got {accuracy}')
    if isinstance(num_classes, bool) or not isinstance(num_classes, (int, np.integer)):
        raise ValueError(f'num_classes must be an int >= 2, got {num_classes!r}')
    if num_classes < 2:
        raise ValueError(f'scene bias needs at least 2 classes, got {num_classes}')
    if accuracy == 0.0:
        return float('-inf')
    return math.log(accuracy * num_classes)


def linear_probe_accuracy(features: np.ndarray, labels: np.ndarray, test_size: float = 0.3,
                          seed: int = 0, max_iter: int = 1000) -> Tuple[float, int, int]:
    """Fit the linear probe (:func:`.linear_probe.fit_linear_probe`) on a train split of one
    feature set, return its test accuracy.

    The split is stratified by label when every class has at least two samples
    (``train_test_split(stratify=labels)``). The probe is
    ``make_pipeline(StandardScaler(), LogisticRegression(max_iter=max_iter))``: features are
    standardised with the train split's mean and std (a constant feature is left unscaled).
    Non-finite features, a number of labels that differs from the number of feature rows,
    and a train split with a single class are errors naming the rows / classes.

    Returns:
        tuple: ``(accuracy, num_train, num_test)``.
    """
    features, labels = check_features(features, labels, 'the video list')
    _, class_counts = np.unique(labels, return_counts=True)
    if len(class_counts) < 2:
        raise ValueError('the linear probe needs at least 2 classes in the video list')
    stratify = labels if class_counts.min() >= 2 else None
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=test_size, random_state=seed, stratify=stratify)
    if len(np.unique(y_train)) < 2:
        names, counts = np.unique(labels, return_counts=True)
        rare = names[counts < 2].tolist()
        raise ValueError(f'linear_probe_accuracy: the train split holds only class(es) '
                         f'{np.unique(y_train).tolist()}; class(es) {rare} have fewer than 2 '
                         'samples, so the split cannot be stratified. Give every class at '
                         'least 2 videos.')
    accuracy = linear_probe_top1(x_train, y_train, x_test, y_test, max_iter)
    return accuracy, len(y_train), len(y_test)
