"""Parsing of the project's annotation lists and JSON files, shared by the runtime readers
(:mod:`mmdebias.datasets`) and the offline ones (:mod:`mmdebias.preparation`), so that the
same bad content is reported the same way everywhere -- the file, the line, the value:

- :func:`load_json`: a JSON file; invalid or empty content is a ``ValueError`` naming the
  file, the line and column, and what the file should hold;
- :func:`class_index`: the label field of a list line, an integer class index ``>= 0``.
"""
import json
from typing import Any, Optional


def load_json(path: str, expected: str) -> Any:
    """The content of the JSON file ``path``; ``expected`` (e.g. ``'a JSON list of
    objects'``) completes the error of a file that is not valid JSON."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        reason = 'the file is empty' if not text.strip() else error.msg
        raise ValueError(f'{path}: not valid JSON ({reason}, line {error.lineno}, column '
                         f'{error.colno}); expected {expected}.') from None


def class_index(text: str, where: str, line: Optional[str] = None) -> int:
    """``text`` as a class index: an integer ``>= 0``. Errors start with ``where`` (e.g.
    ``'list.txt:3'``) and quote ``line`` (the list line) when given."""
    try:
        label = int(text)
    except ValueError:
        quoted = '' if line is None else f' (line {line.strip()!r})'
        raise ValueError(f'{where}: the label must be an integer class index, got '
                         f'{text!r}{quoted}') from None
    if label < 0:
        raise ValueError(f'{where}: the label must be a class index >= 0, got {label}')
    return label
