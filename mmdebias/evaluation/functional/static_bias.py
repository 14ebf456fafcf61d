"""Numpy functions behind :class:`StaticBiasMetric` (SCUBA / SCUFO / Confl-FG protocols).

Protocols of Li et al., "Mitigating and Evaluating Static Bias of Action Representations in
the Background and the Foreground" (StillMix, ICCV 2023) and Fioresi et al., "ALBAR" (ICLR
2025). Predictions are class-score arrays of shape ``(N, num_classes)``; the predicted class
is ``np.argmax``, so a tie goes to the lowest class index.
"""
from typing import Sequence, Tuple

import numpy as np


def top1_predictions(scores: np.ndarray) -> np.ndarray:
    """Predicted classes ``argmax_c scores[i, c]`` (ties: lowest index), shape ``(N, )``."""
    scores = np.asarray(scores)
    if scores.ndim != 2:
        raise ValueError(f'scores must have shape (N, num_classes), got {scores.shape}')
    if scores.dtype.kind in 'fc' and not np.isfinite(scores).all():
        rows = np.flatnonzero(~np.isfinite(scores).all(axis=1))
        raise ValueError(f'scores hold non-finite values (NaN/inf) in row(s) '
                         f'{rows[:10].tolist()}: argmax would call them class 0; the model '
                         'produced NaN/inf scores.')
    # argmax, not mmaction's top_k_accuracy: its argsort sends a tie to the highest index for
    # up to ~16 classes and to another one for more (measured); contra needs one fixed rule
    return scores.argmax(axis=1)


def top1_accuracy(scores: np.ndarray, labels: np.ndarray) -> float:
    """Fraction of samples whose top-1 class equals the label: ``mean_i [argmax s_i = y_i]``.

    Returns 0.0 for an empty input. Non-finite scores and a number of labels that differs
    from the number of score rows are errors.
    """
    labels = np.asarray(labels)
    if len(labels) == 0:
        return 0.0
    predictions = top1_predictions(scores)
    if len(predictions) != len(labels):
        raise ValueError(f'top1_accuracy: {len(predictions)} rows of scores but {len(labels)} '
                         'labels')
    return float(np.mean(predictions == labels))


def prediction_rate(scores: np.ndarray, targets: np.ndarray) -> float:
    """Fraction of samples predicted as ``targets``; the same formula as
    :func:`top1_accuracy`, named for Confl-FG's static-foreground rate
    ``mean_i [argmax s_i = y_static_i]``."""
    return top1_accuracy(scores, targets)


def score_preference_rate(scores: np.ndarray, preferred: np.ndarray,
                          other: np.ndarray) -> float:
    r"""Fraction of samples whose score of class ``preferred_i`` is strictly above that of
    class ``other_i``, the third number of StillMix's Confl-FG script (the dynamic actor's
    class beats the static actor's):

    .. math:: \frac{1}{N} \sum_i [s_{i, y^{dyn}_i} > s_{i, y^{static}_i}]

    Returns 0.0 for an empty input; non-finite scores, labels outside the score columns and
    row-count mismatches are errors.
    """
    preferred, other = np.asarray(preferred), np.asarray(other)
    if len(preferred) == 0:
        return 0.0
    scores = np.asarray(scores)
    top1_predictions(scores)  # shape and finiteness checks
    rows = (len(scores), len(preferred), len(other))
    if len(set(rows)) != 1:
        raise ValueError(f'score_preference_rate: {rows[0]} rows of scores, {rows[1]} and '
                         f'{rows[2]} labels')
    for labels in (preferred, other):
        if labels.min() < 0 or labels.max() >= scores.shape[1]:
            raise ValueError(f'score_preference_rate: labels outside the {scores.shape[1]} '
                             'score columns')
    index = np.arange(len(scores))
    return float(np.mean(scores[index, preferred] > scores[index, other]))


def contrasted_accuracy(scuba_scores: np.ndarray, scufo_scores: np.ndarray,
                        labels: np.ndarray) -> float:
    r"""Contrasted accuracy (StillMix, ICCV 2023) of aligned SCUBA / SCUFO pairs.

    .. math::
        \mathrm{contra} = \frac{1}{N} \sum_i [\arg\max s^{scuba}_i = y_i]
        \cdot [\arg\max s^{scufo}_i \neq y_i]

    Row ``i`` of both score arrays must be the two clips of the same pair (see
    :func:`match_pairs`). Returns 0.0 for an empty input.
    """
    labels = np.asarray(labels)
    if len(labels) == 0:
        return 0.0
    rows = (len(np.asarray(scuba_scores)), len(np.asarray(scufo_scores)), len(labels))
    if len(set(rows)) != 1:
        raise ValueError(f'contrasted_accuracy: {rows[0]} SCUBA rows, {rows[1]} SCUFO rows and '
                         f'{rows[2]} labels; row i of each must be the same pair (use '
                         'match_pairs).')
    scuba_ok = top1_predictions(scuba_scores) == labels
    scufo_wrong = top1_predictions(scufo_scores) != labels
    return float(np.mean(scuba_ok & scufo_wrong))


def _list_ids(ids, limit: int = 10) -> str:
    ids = sorted(map(str, ids))
    more = f' ... ({len(ids)} in all)' if len(ids) > limit else ''
    return ', '.join(ids[:limit]) + more


def _check_unique(ids: Sequence[str], name: str) -> None:
    values, counts = np.unique(np.asarray(ids, dtype=object).astype(str), return_counts=True)
    duplicates = values[counts > 1]
    if len(duplicates):
        raise ValueError(f'duplicate {name} pair_id(s): {_list_ids(duplicates)}')


def match_pairs(scuba_ids: Sequence[str],
                scufo_ids: Sequence[str]) -> Tuple[np.ndarray, np.ndarray]:
    """Align SCUBA and SCUFO clips by pair id, never by order.

    Returns index arrays ``(i, j)`` with ``scuba_ids[i[k]] == scufo_ids[j[k]]``, sorted by
    pair id. Every id must occur exactly once on each side.

    Raises:
        ValueError: naming the ids, if an id occurs twice on one side or has no partner.
    """
    _check_unique(scuba_ids, 'SCUBA')
    _check_unique(scufo_ids, 'SCUFO')
    scuba_ids = np.asarray(scuba_ids, dtype=object).astype(str)
    scufo_ids = np.asarray(scufo_ids, dtype=object).astype(str)
    no_scufo = np.setdiff1d(scuba_ids, scufo_ids)
    no_scuba = np.setdiff1d(scufo_ids, scuba_ids)
    if len(no_scufo) or len(no_scuba):
        parts = []
        if len(no_scufo):
            parts.append(f'SCUBA pair_id(s) without a SCUFO partner: {_list_ids(no_scufo)}')
        if len(no_scuba):
            parts.append(f'SCUFO pair_id(s) without a SCUBA partner: {_list_ids(no_scuba)}')
        raise ValueError('; '.join(parts))
    scuba_order = np.argsort(scuba_ids, kind='stable')
    scufo_order = np.argsort(scufo_ids, kind='stable')
    return scuba_order, scufo_order
