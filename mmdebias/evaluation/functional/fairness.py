r"""Numpy functions behind :class:`NMIFairnessMetric` (SMAD, Duan et al., ECCV 2022).

Notation: ``Y`` the action label, ``Ŷ`` the predicted class, ``A`` a per-video attribute such
as a pseudo scene label. Entropies use the natural log; the normalisation of the mutual
information follows scikit-learn's ``normalized_mutual_info_score``:

.. math::
    \mathrm{NMI}(X; A) = \frac{I(X; A)}{\mathrm{mean}(H(X), H(A))}

with ``mean`` the arithmetic (default), geometric, min or max mean (``average_method``).

Degenerate inputs never give NaN. Convention: when ``X`` or ``A`` takes a single value (or
there are no samples) the mutual information is 0 and so is the NMI -- a constant cannot
carry information about anything. (scikit-learn returns 1.0 when *both* are constant; we
return 0.0 because these scores measure dependence, i.e. bias: a split whose videos all
share one class and one scene is not "perfectly biased".) :func:`nmi` is the project's one
NMI: the bias metrics and the split tools (``facet_split.py``, ``omnidebias_select.py``)
use it.
"""
from typing import Dict, Hashable

import numpy as np
from sklearn.metrics import normalized_mutual_info_score

AVERAGE_METHODS = ('arithmetic', 'geometric', 'min', 'max')


def _codes(values) -> np.ndarray:
    """Integer codes 0..K-1 of arbitrary hashable labels (ints or strings)."""
    values = np.asarray(values)
    if values.dtype == object:
        values = values.astype(str)
    return np.unique(values, return_inverse=True)[1].reshape(-1)


def _same_length(name: str, preds, labels, groups) -> None:
    if not len(preds) == len(labels) == len(groups):
        raise ValueError(f'{name}: preds, labels and groups differ in length: {len(preds)}, '
                         f'{len(labels)}, {len(groups)}')


def _count_per_sample(key: np.ndarray) -> np.ndarray:
    """For each sample, how many samples share its ``key``."""
    _, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    return counts[inverse.reshape(-1)]


def _generalized_mean(a: np.ndarray, b: np.ndarray, method: str) -> np.ndarray:
    if method == 'arithmetic':
        return (a + b) / 2
    if method == 'geometric':
        return np.sqrt(a * b)
    if method == 'min':
        return np.minimum(a, b)
    if method == 'max':
        return np.maximum(a, b)
    raise ValueError(f'average_method must be one of {AVERAGE_METHODS}, got {method!r}')


def nmi(x, a, average_method: str = 'arithmetic') -> float:
    """NMI(X; A) with scikit-learn; 0.0 if either variable is constant or empty."""
    _generalized_mean(np.zeros(1), np.zeros(1), average_method)  # validates the name
    x, a = np.asarray(x), np.asarray(a)
    if len(x) != len(a):
        raise ValueError(f'x and a differ in length: {len(x)} vs {len(a)}')
    if len(x) == 0 or len(np.unique(_codes(x))) < 2 or len(np.unique(_codes(a))) < 2:
        return 0.0
    return float(normalized_mutual_info_score(_codes(x), _codes(a),
                                              average_method=average_method))


def conditional_nmi(x, a, cond, average_method: str = 'arithmetic') -> float:
    r"""Conditional NMI, the average of per-slice NMIs weighted by slice size.

    .. math::
        \mathrm{NMI}(X; A \mid C) = \sum_c p(c) \, \mathrm{NMI}(X; A \mid C = c),
        \quad \mathrm{NMI}(X; A \mid C = c) =
        \frac{I(X; A \mid C = c)}{\mathrm{mean}(H(X \mid C = c), H(A \mid C = c))}

    where every term is computed on the samples with ``C = c`` only; a slice in which X or A
    is constant contributes 0 (see the module docstring). Vectorised: each per-slice mutual
    information is the slice mean of ``ln(n_cxa * n_c / (n_cx * n_ca))`` over its samples,
    with ``n_..`` the number of samples sharing those values, so no table of size
    ``|C| x |X| x |A|`` is built.
    """
    x, a, c = _codes(x), _codes(a), _codes(cond)
    if not len(x) == len(a) == len(c):
        raise ValueError(f'x, a and cond differ in length: {len(x)}, {len(a)}, {len(c)}')
    if len(x) == 0:
        return 0.0
    nx, na = x.max() + 1, a.max() + 1
    n_c = np.bincount(c).astype(np.float64)
    n_c_i = n_c[c]
    n_cx = _count_per_sample(c * nx + x)
    n_ca = _count_per_sample(c * na + a)
    n_cxa = _count_per_sample((c * nx + x) * na + a)
    mi = np.bincount(c, weights=np.log(n_cxa * n_c_i / (n_cx * n_ca))) / n_c
    h_x = -np.bincount(c, weights=np.log(n_cx / n_c_i)) / n_c
    h_a = -np.bincount(c, weights=np.log(n_ca / n_c_i)) / n_c
    norm = _generalized_mean(h_x, h_a, average_method)
    # an entropy of a constant is exactly 0 (log 1); tiny float noise is clipped
    valid = (h_x > 1e-12) & (h_a > 1e-12)
    slice_nmi = np.zeros_like(mi)
    slice_nmi[valid] = np.clip(mi[valid] / norm[valid], 0.0, 1.0)
    return float(np.sum(n_c / len(x) * slice_nmi))


def group_accuracy(preds, labels, groups) -> Dict[Hashable, float]:
    """Top-1 accuracy within each group ``a``: ``mean_{i: A_i = a} [Ŷ_i = Y_i]``.

    Only groups that have samples appear (an empty group has no accuracy).
    """
    preds, labels, groups = np.asarray(preds), np.asarray(labels), np.asarray(groups)
    _same_length('group_accuracy', preds, labels, groups)
    if groups.dtype == object:
        groups = groups.astype(str)
    names, inverse = np.unique(groups, return_inverse=True)
    inverse = inverse.reshape(-1)
    correct = np.bincount(inverse, weights=(preds == labels).astype(np.float64),
                          minlength=len(names))
    total = np.bincount(inverse, minlength=len(names))
    return {name.item(): float(correct[k] / total[k]) for k, name in enumerate(names)}


def accuracy_spread(per_group: Dict[Hashable, float]) -> float:
    """``max_a acc_a - min_a acc_a`` over non-empty groups; 0.0 with fewer than two groups."""
    for group, value in per_group.items():
        if not np.isfinite(value):
            raise ValueError(f'accuracy_spread: the accuracy of group {group!r} is {value}; '
                             'expected a finite fraction.')
    if len(per_group) < 2:
        return 0.0
    values = list(per_group.values())
    return float(max(values) - min(values))


def equalized_odds_gap(preds, labels, groups) -> float:
    r"""Mean over classes of the spread of the true-positive rate across groups.

    .. math::
        \mathrm{EO} = \frac{1}{|\mathcal{Y}'|} \sum_{y \in \mathcal{Y}'}
        \big(\max_a \mathrm{TPR}_{a,y} - \min_a \mathrm{TPR}_{a,y}\big),
        \quad \mathrm{TPR}_{a,y} = P(\hat Y = y \mid Y = y, A = a)

    ``Y'`` are the classes present in at least two groups (a (group, class) cell without
    samples is skipped, not counted as 0). 0.0 if no class qualifies.
    """
    preds, labels = np.asarray(preds), np.asarray(labels)
    _same_length('equalized_odds_gap', preds, labels, np.asarray(groups))
    y, g = _codes(labels), _codes(groups)
    if len(y) == 0:
        return 0.0
    cell = y * (g.max() + 1) + g
    cells, inverse = np.unique(cell, return_inverse=True)
    inverse = inverse.reshape(-1)
    tpr = (np.bincount(inverse, weights=(preds == labels).astype(np.float64))
           / np.bincount(inverse))
    cell_class = cells // (g.max() + 1)  # sorted, so each class is one contiguous run
    starts = np.flatnonzero(np.r_[True, cell_class[1:] != cell_class[:-1]])
    groups_per_class = np.diff(np.r_[starts, len(cells)])
    spread = np.maximum.reduceat(tpr, starts) - np.minimum.reduceat(tpr, starts)
    spread = spread[groups_per_class >= 2]
    return float(spread.mean()) if len(spread) else 0.0
