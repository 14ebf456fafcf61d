r"""Bias-aware data selection and splits of SMAD / OmniDebias (Duan et al., ECCV 2022).

Both work on a list of items with an action label ``y`` and a *facet* label ``a`` (a pseudo
scene label, or any other aspect) and rank the items of each class by the within-class
frequency of their facet, :math:`f(i) = |\{j : y_j = y_i, a_j = a_i\}|`:

- :func:`omnidebias_select` (OmniDebias web-data selection): per class, sort by ``f``
  (descending) and cut into three equal parts, ``bias`` (most common scenes of the class),
  ``mid`` and ``unbias`` (rarest scenes); ``rand`` is a random sample of the class of the
  size of ``unbias``. OmniDebias co-trains on ``unbias``. NMI(action, scene) is expected
  lowest for ``unbias`` (paper, Table 12).
- :func:`facet_split` (K200db-style re-distribution): per class, whole facet groups are
  moved to ``test`` from the rarest up until it holds at least ``min_test`` items; ``train``
  is a random sample of the rest. Expected NMI: train > random split > test (Table 10).

:func:`read_items` reads the input lists (formats in its docstring). The NMI of a split is
:func:`mmdebias.evaluation.functional.nmi` (0.0 when the labels or the facets are constant).
"""
import os.path as osp
from collections import Counter, defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from ..utils.checks import check_int, check_keys
from ..utils.list_files import load_json
from ..datasets.pseudo_labels import load_pseudo_labels, video_key


def read_items(path: str, pseudo_labels: Optional[str] = None,
               data_root: Optional[str] = None) -> List[dict]:
    """Read an action list with per-item facet labels.

    Returns dicts ``line`` (the MMAction2 annotation line to write), ``path``, ``label``
    (int), ``facet`` (int). Formats:

    - ``.json``: a list of objects ``{"filename": str, "label": int, "scene": int}``
      (``"facet"`` is accepted instead of ``"scene"``); written as ``filename label``.
    - text, without ``pseudo_labels``: ``path [fields ...] label scene`` per line (an
      MMAction2 VideoDataset / RawframeDataset line with the scene id appended); written
      without the scene field.
    - text, with ``pseudo_labels`` (the ``.npz`` of ``tools/data/extract_pseudo_labels.py``):
      plain MMAction2 lines ``path [fields ...] label``; the facet is the ``top1`` of the
      video's entry, keyed by :func:`video_key` (``data_root`` as given to that tool).

    Labels and facets must be integer indices >= 0 (a facet of -1, "unlabelled", cannot be
    ranked: label the item or remove it); a video may appear only once (it would land in two
    splits); the list must hold at least one item. Anything else is a ``ValueError`` naming
    the file, the line (text) or item (JSON) and the value.
    """
    if not osp.isfile(path):
        raise FileNotFoundError(f'{path} does not exist.')
    table = None
    if pseudo_labels is not None:
        pl = load_pseudo_labels(pseudo_labels)
        table = dict(zip(pl['videos'].tolist(), pl['top1'].tolist()))
    items, first = [], {}
    if path.endswith('.json'):
        records = load_json(path, 'a JSON list of objects with filename, label, scene')
        if not isinstance(records, list):
            raise ValueError(f'{path}: expected a JSON list of objects with filename, label, '
                             'scene.')
        for i, r in enumerate(records):
            if isinstance(r, dict):  # 'lable' / 'scnee': "did you mean"
                check_keys(r, ('filename', 'label', 'scene', 'facet'), f'{path}: item {i}')
            facet = r.get('scene', r.get('facet')) if isinstance(r, dict) else None
            if not isinstance(r, dict) or 'filename' not in r or 'label' not in r or (
                    facet is None and table is None):
                raise ValueError(f'{path}: item {i} must be an object with keys filename, '
                                 f'label and scene (or facet); got {r!r}.')
            where = f'{path}: item {i}'
            label = _index(r['label'], f"{where}, key 'label'")
            if facet is None:
                facet = _lookup(table, r['filename'], data_root, path, pseudo_labels)
            else:
                facet = _index(facet, f"{where}, key {'scene' if 'scene' in r else 'facet'!r}",
                               facet=True)
            _once(first, r['filename'], i, f'{where}: filename', 'item')
            items.append(dict(line=f"{r['filename']} {label}", path=r['filename'],
                              label=label, facet=facet))
        if not items:
            raise ValueError(f'{path}: no items (the JSON list is empty).')
        return items
    with open(path, encoding='utf-8') as f:
        for n, raw in enumerate(f, 1):
            fields = raw.split()
            if not fields:
                continue
            need = 2 if table is not None else 3
            if len(fields) < need:
                fmt = 'path label' if table is not None else 'path label scene'
                raise ValueError(f'{path}:{n}: expected "{fmt}", got {raw.strip()!r}' + (
                    '' if table is not None else '; or pass the pseudo-label .npz to read '
                    'the scene from it.'))
            try:
                if table is not None:
                    label = int(fields[-1])
                    facet = _lookup(table, fields[0], data_root, path, pseudo_labels)
                    line = ' '.join(fields)
                else:
                    label, facet = int(fields[-2]), int(fields[-1])
                    line = ' '.join(fields[:-1])
            except ValueError as e:
                if 'pseudo-label' in str(e):
                    raise
                raise ValueError(f'{path}:{n}: label and scene must be integers, got '
                                 f'{raw.strip()!r}.') from None
            label = _index(label, f'{path}:{n}: label')
            facet = _index(facet, f'{path}:{n}: scene', facet=True)
            _once(first, fields[0], n, f'{path}:{n}: video', 'line')
            items.append(dict(line=line, path=fields[0], label=label, facet=facet))
    if not items:
        raise ValueError(f'{path}: no items.')
    return items


def _index(value, where: str, facet: bool = False) -> int:
    """``value`` as a class / facet index >= 0; an error naming ``where`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f'{where}: expected an int index >= 0, got {value!r}.')
    if facet and value == -1:
        raise ValueError(f'{where}: -1 marks an unlabelled item, which cannot be ranked by '
                         'facet frequency; label it or remove it from the list.')
    if value < 0:
        raise ValueError(f'{where}: expected an int index >= 0, got {value!r}.')
    return int(value)


def _once(first: dict, video: str, at, where: str, unit: str) -> None:
    if video in first:
        raise ValueError(f'{where} {video!r} repeats {unit} {first[video]}; every video must '
                         'appear once (it would land in two splits).')
    first[video] = at


def _lookup(table: dict, video: str, data_root, path, npz) -> int:
    key = video_key(osp.join(data_root, video) if data_root else video, data_root)
    if key not in table:
        raise ValueError(f'{path}: video {video!r} (key {key!r}) has no entry in the '
                         f'pseudo-label file {npz}; run tools/data/extract_pseudo_labels.py '
                         'on this list, with the same --data-root.')
    return int(table[key])


def _by_class(labels: Sequence[int]) -> Dict[int, List[int]]:
    groups = defaultdict(list)
    for i, y in enumerate(labels):
        groups[int(y)].append(i)
    return groups


def _rank_by_facet_frequency(idx: List[int], facets: Sequence[int]) -> List[int]:
    """Indices of one class, most frequent facet first (ties: facet id, then index)."""
    count = Counter(int(facets[i]) for i in idx)
    return sorted(idx, key=lambda i: (-count[int(facets[i])], int(facets[i]), i))


def omnidebias_select(labels: Sequence[int], facets: Sequence[int],
                      seed: int = 0) -> Dict[str, List[int]]:
    """OmniDebias thirds: item indices of ``bias``, ``mid``, ``unbias`` and ``rand``.

    Per class of ``n`` items sorted by within-class facet frequency (descending), the parts
    have sizes ``ceil(n/3)``, ..., i.e. ``np.array_split`` of the ranking into 3; ``rand`` is a
    random sample (``seed``) of the class of the size of its ``unbias`` part.
    """
    if len(labels) != len(facets):
        raise ValueError(f'omnidebias_select: {len(labels)} labels for {len(facets)} facets.')
    if not len(labels):
        raise ValueError('omnidebias_select: no items to select from.')
    rng = np.random.default_rng(seed)
    parts = {k: [] for k in ('bias', 'mid', 'unbias', 'rand')}
    for y, idx in sorted(_by_class(labels).items()):
        ranked = _rank_by_facet_frequency(idx, facets)
        for name, chunk in zip(('bias', 'mid', 'unbias'), np.array_split(ranked, 3)):
            parts[name] += [int(i) for i in chunk]
        k = len(np.array_split(ranked, 3)[2])
        parts['rand'] += sorted(int(i) for i in rng.choice(idx, size=k, replace=False))
    return parts


def facet_split(labels: Sequence[int], facets: Sequence[int], min_test: int,
                train_per_class: Optional[int] = None,
                seed: int = 0) -> Tuple[List[int], List[int], Dict[int, str]]:
    """K200db-style split: ``(train, test, skipped)`` item indices.

    Per class, facet groups sorted by size (ascending; ties by facet id) go to ``test`` whole
    until it holds ``>= min_test`` items; at least one group stays for training. ``train`` is
    a random sample (``seed``) of the remaining items, of ``train_per_class`` items (all of
    them if None or larger). A class whose rarest groups cannot reach ``min_test`` while
    leaving one group for training is left out of both splits and reported in ``skipped``
    (class -> reason).
    """
    check_int(min_test, 'facet_split: min_test', 1)
    check_int(train_per_class, 'facet_split: train_per_class', 1, ' (None: all)', none_ok=True)
    if len(labels) != len(facets):
        raise ValueError(f'facet_split: {len(labels)} labels for {len(facets)} facets.')
    if not len(labels):
        raise ValueError('facet_split: no items to split.')
    rng = np.random.default_rng(seed)
    train, test, skipped = [], [], {}
    for y, idx in sorted(_by_class(labels).items()):
        groups = defaultdict(list)
        for i in idx:
            groups[int(facets[i])].append(i)
        order = sorted(groups, key=lambda a: (len(groups[a]), a))
        held, rest = [], list(order)
        while rest and len(held) < min_test:
            held += groups[rest.pop(0)]
        if len(held) < min_test or not rest:
            skipped[y] = (f'{len(idx)} items in {len(groups)} facet groups: cannot hold out '
                          f'>= {min_test} whole groups and keep one for training')
            continue
        remaining = [i for a in rest for i in groups[a]]
        if train_per_class is not None and train_per_class < len(remaining):
            remaining = rng.choice(remaining, size=train_per_class, replace=False).tolist()
        test += sorted(held)
        train += sorted(int(i) for i in remaining)
    return sorted(train), sorted(test), skipped


def random_split_like(labels: Sequence[int], train: Sequence[int], test: Sequence[int],
                      seed: int = 0) -> Tuple[List[int], List[int]]:
    """A random per-class split with the same class-wise sizes as ``(train, test)``."""
    # not train_test_split(stratify=...): it keeps class proportions, not these exact sizes
    rng = np.random.default_rng(seed)
    n_train = Counter(int(labels[i]) for i in train)
    n_test = Counter(int(labels[i]) for i in test)
    r_train, r_test = [], []
    for y, idx in sorted(_by_class(labels).items()):
        perm = rng.permutation(idx).tolist()
        r_test += perm[:n_test[y]]
        r_train += perm[n_test[y]:n_test[y] + n_train[y]]
    return sorted(r_train), sorted(r_test)
