"""Labels of released bias-benchmark clips, read from the datasets' own lists.

The released SCUBA / SCUFO clips of ALBAR (Fioresi et al., ICLR 2025) carry no label file:
the label is that of the original test video the clip was cut from.

* :func:`read_class_list` -- a class list (UCF101's ``classInd.txt``, ``1 ApplyEyeMakeup``;
  MMAction2's label maps, one name per line; ALBAR's ``action_classes.json``) as
  ``name -> 0-based index``, for labels parsed from UCF101 video names ``v_<Class>_gXX_cYY``
  (:func:`ucf101_class_of`).
* :func:`read_label_table` -- a video list with labels (an MMAction2 list ``path label`` or
  ``path num_frames label``, or a CSV with ``filename`` and ``label`` columns such as ALBAR's
  ``hmdb51_labels.csv``) as ``video name -> (label, line)``, the video name being the file
  name without folder and extension.

Errors name the file and the line.
"""
import csv
import os.path as osp
import re
from typing import Dict, Optional, Tuple

from ..utils.list_files import class_index, load_json

_UCF101_NAME = re.compile(r'^v_(?P<cls>.+?)_g\d+_c\d+')


def _lines(path: str):
    if not osp.isfile(path):
        raise FileNotFoundError(f'label file {path} does not exist')
    with open(path, encoding='utf-8-sig') as f:
        return f.read().splitlines()


def read_class_list(path: str) -> Dict[str, int]:
    """``lower-case class name -> 0-based label`` of a class list.

    Formats: ``<index> <name>`` lines with 1-based indices (UCF101 ``classInd.txt``), one
    name per line in label order (MMAction2 ``label_map_*.txt``), or a JSON object
    ``{"classes": {name: 1-based index}}`` (ALBAR's ``action_classes.json``). Names are
    matched case-insensitively: UCF101 names a class ``HandstandPushups`` in ``classInd.txt``
    and ``HandStandPushups`` in its video names.
    """
    classes, where = {}, {}
    if path.endswith('.json'):
        data = load_json(path, '{"classes": {name: 1-based index}}')
        table = data.get('classes', data) if isinstance(data, dict) else None
        if not isinstance(table, dict):
            raise ValueError(f'{path}: expected {{"classes": {{name: 1-based index}}}}')
        items = [(name, index, 0) for name, index in table.items()]
    else:
        rows = [(n, line.split()) for n, line in enumerate(_lines(path), 1) if line.strip()]
        indexed = bool(rows) and all(len(f) == 2 and f[0].isdigit() for _, f in rows)
        if indexed:
            items = [(fields[1], int(fields[0]), n) for n, fields in rows]
        else:
            items = [(' '.join(fields), i + 1, n) for i, (n, fields) in enumerate(rows)]
    if not items:
        raise ValueError(f'{path}: the class list is empty')
    for name, index, line in items:
        if isinstance(index, bool) or not isinstance(index, int) or index < 1:
            raise ValueError(f'{path}:{line}: class {name!r} has index {index!r}; expected '
                             '1-based integer indices')
        key = str(name).lower()
        if key in classes:
            raise ValueError(f'{path}:{line}: class {name!r} is listed twice (also line '
                             f'{where[key]})')
        classes[key] = index - 1
        where[key] = line
    return classes


def ucf101_class_of(name: str) -> Optional[str]:
    """The class in a UCF101 video / clip name ``v_<Class>_gXX_cYY...`` (None if the name
    does not have that form)."""
    match = _UCF101_NAME.match(osp.basename(name))
    return match.group('cls') if match else None


def _video_name(path: str) -> str:
    return osp.splitext(osp.basename(path.strip()))[0]


def read_label_table(path: str) -> Dict[str, Tuple[int, int]]:
    r"""``video name -> (label, line)`` of a labelled video list (see the module docstring).

    A line without an integer label, a negative label and a video listed twice with two
    labels are ``ValueError``\ s naming the file and the lines.
    """
    table: Dict[str, Tuple[int, int]] = {}

    def add(name: str, label_text: str, line_no: int, line: str) -> None:
        label = class_index(label_text, f'{path}:{line_no}', line)
        key = _video_name(name)
        if key in table and table[key][0] != label:
            raise ValueError(f'{path}:{line_no}: video {key!r} has label {label} here and '
                             f'{table[key][0]} on line {table[key][1]}')
        table.setdefault(key, (label, line_no))

    lines = _lines(path)
    if path.endswith('.csv'):
        reader = csv.reader(lines)
        header = [h.strip().lower() for h in next(reader, [])]
        if 'filename' not in header or 'label' not in header:
            raise ValueError(f'{path}:1: a label CSV needs a header with "filename" and '
                             f'"label" columns, got {header}')
        i_name, i_label = header.index('filename'), header.index('label')
        for line_no, row in enumerate(reader, 2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= max(i_name, i_label):
                raise ValueError(f'{path}:{line_no}: expected {len(header)} columns, got '
                                 f'{row}')
            add(row[i_name], row[i_label].strip(), line_no, ','.join(row))
    else:
        for line_no, line in enumerate(lines, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) < 2:
                raise ValueError(f'{path}:{line_no}: expected "path label" (or "path '
                                 f'num_frames label"), got {line.strip()!r}')
            add(fields[0], fields[-1], line_no, line)
    if not table:
        raise ValueError(f'{path}: no labelled videos (the list is empty)')
    return table
