"""Checks of configuration values and annotation keys, shared by every component.

One helper per kind of value, so that a bad value in a config is reported the same way
wherever it appears -- the component, the argument, the value, the allowed range:

- :func:`check_weight`: a loss weight (or any coefficient of a loss term): a finite real
  number, ``>= 0`` (``0`` switches the term off) or ``> 0`` where a zero makes no sense.
  A NaN weight turns the loss, and after one step every parameter, into NaN; a negative
  one silently turns a minimised term into a maximised one.
- :func:`check_probability`: a probability in ``[0, 1]`` (a blending's ``prob``).
- :func:`check_choice`: one of a fixed set of options (a mode, a preset, a protocol).
- :func:`check_int`: a count or index: an int (not a bool) ``>= low``.
- :func:`check_keys`: the keys of one entry of an annotation file; a key that is not a
  known key but is one or two edits away from one the entry lacks (``lable``,
  ``static_lable``, ``video-id``) is an error with a "did you mean", instead of an extra
  key that is silently carried along while the real one is missing or keeps its default.

Bools are refused where a number is expected (``True`` is an ``int`` in Python, and a
``loss_weight=True`` is a config slip, not a weight of 1).
"""
import math
import numbers
from typing import Iterable, Optional


def _as_real(value) -> Optional[float]:
    """``value`` as a float if it is a real number (a Python or numpy int / float; not a bool,
    a string or None)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    return float(value)


def check_weight(value, name: str, positive: bool = False,
                 fix: str = 'fix the value in the config') -> float:
    """``value`` as a float weight: finite and ``>= 0`` (``> 0`` with ``positive``).

    Args:
        value: The configured weight.
        name (str): How the error names it, ``'<Component>: <argument>'``
            (e.g. ``'ALBARObjective: loss_static_weight'``).
        positive (bool): Refuse 0 as well (a weight that divides, or a term that must not
            be switched off). Defaults to False.
        fix (str): The end of the message. Defaults to ``'fix the value in the config'``.

    Raises:
        ValueError: naming ``name``, the value and the allowed range (NaN, an infinity, a
            negative number, a bool, a string or None).
    """
    number = _as_real(value)
    low_ok = number is not None and (number > 0 if positive else number >= 0)
    if number is None or not math.isfinite(number) or not low_ok:
        why = ('not a number' if number is None else 'NaN' if math.isnan(number) else
               'infinite' if math.isinf(number) else 'negative' if number < 0 else 'zero')
        raise ValueError(f'{name} must be a finite number {"> 0" if positive else ">= 0"}, '
                         f'got {value!r} ({why}); {fix}.')
    return number


def check_probability(value, name: str) -> float:
    """``value`` as a float in ``[0, 1]``; a ``ValueError`` naming ``name`` otherwise."""
    number = _as_real(value)
    if number is None or not 0.0 <= number <= 1.0:
        raise ValueError(f'{name} must be a probability in [0, 1], got {value!r}; fix the '
                         'value in the config.')
    return number


def check_choice(value, choices, name: str, hint: str = '', none_ok: bool = False):
    """``value`` if it is one of ``choices`` (or None, with ``none_ok``), else a
    ``ValueError``: ``'<name> must be [None or ]one of <choices><hint>, got <value>.'``."""
    if (none_ok and value is None) or value in choices:
        return value
    allowed = f'None or one of {choices}' if none_ok else f'one of {choices}'
    raise ValueError(f'{name} must be {allowed}{hint}, got {value!r}.')


def check_int(value, name: str, low: int = 0, hint: str = '', none_ok: bool = False):
    """``value`` if it is an int ``>= low`` (not a bool; or None, with ``none_ok``), else a
    ``ValueError``: ``'<name> must be [None or ]an int >= <low><hint>, got <value>.'``."""
    if none_ok and value is None:
        return value
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        allowed = f'None or an int >= {low}' if none_ok else f'an int >= {low}'
        raise ValueError(f'{name} must be {allowed}{hint}, got {value!r}.')
    return value


class UnknownKeyError(ValueError):
    """A misspelled key of an annotation entry (raised by :func:`check_keys`)."""


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and swaps
    of two adjacent letters (``'lable'`` is 1 from ``'label'``)."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
    return prev[-1]


def close_key(key: str, known: Iterable[str]) -> Optional[str]:
    """The known key that ``key`` is probably a misspelling of, or None: the same key in
    another case or with ``-`` / `` `` for ``_``, or at most 1 edit away (2 for keys of more
    than 5 letters; :func:`edit_distance`)."""
    def norm(text):
        return text.lower().replace('-', '_').replace(' ', '_')

    best, best_distance = None, None
    for candidate in known:
        distance = edit_distance(norm(key), norm(candidate))
        if distance <= (1 if len(candidate) <= 5 else 2) and (
                best_distance is None or distance < best_distance):
            best, best_distance = candidate, distance
    return best


def check_keys(entry, known: Iterable[str], where: str) -> None:
    """Refuse the misspelled keys of one annotation entry.

    A key of ``entry`` that is not in ``known`` is an error when it looks like a misspelling
    (:func:`close_key`) of a known key that the entry does not give (``'lable'`` for
    ``'label'``, ``'Label'``, ``'static_lable'``): the message names ``where`` (file and
    entry / line), the key and the key it probably means. Other unknown keys pass (formats
    that carry extra keys along, e.g. a ``scene_label`` for a fairness metric).

    Raises:
        UnknownKeyError: a ``ValueError``.

    Args:
        entry (Iterable[str]): The keys of one entry (a JSON object, the arrays of an npz).
        known (Iterable[str]): The keys of the format.
        where (str): ``'<file>: entry <i>'`` or ``'<file>:<line>'``.
    """
    known, given = list(known), list(entry)
    for key in given:
        if not isinstance(key, str) or key in known:
            continue
        guess = close_key(key, [k for k in known if k not in given])
        if guess is not None:
            raise UnknownKeyError(f'{where}: unknown key {key!r}, did you mean {guess!r}? (the '
                             f'keys of this format are {known}); rename the key.')
