"""Safe checkpoint loading: mmengine's own checkpoints under torch's ``weights_only`` default.

Since torch 2.6, ``torch.load`` defaults to ``weights_only=True``: it unpickles tensors,
containers and primitive types only, and refuses any other global -- which is what stops a
downloaded ``.pth`` from running code on load (a pickled ``os.system`` call, say). mmengine
0.10.7 predates the flag and puts a few more types into its checkpoints: the message hub's
``HistoryBuffer`` objects, numpy arrays, scalars and dtypes (logged values, the numpy RNG
state), ``ConfigDict``. Plain ``weights_only=True`` therefore refuses ``--resume`` of a
checkpoint that mmengine itself wrote.

``with safe_checkpoint_loading(): ...`` keeps torch's default and, inside the block only,
allow-lists exactly those types and makes a refused checkpoint raise
:class:`UnsafeCheckpointError`, which names the file, the refused global and the opt-in.
None of the allowed types runs code when it is rebuilt, so ``load_from``, ``--resume`` and
``load_checkpoint`` work while any other global is refused. The project's tools
(``tools/train.py``, ``tools/test.py``, the analysis and data tools, the demo) load
checkpoints inside this block; ``import mmdebias`` changes nothing (torch's allow-list and
mmengine's checkpoint loaders stay as they are). In your own scripts::

    from mmdebias.utils import safe_checkpoint_loading
    with safe_checkpoint_loading():
        runner.train()          # or load_checkpoint(model, path), init_recognizer(...)

Loading an untrusted legacy pickle is an explicit, scoped opt-in:
``with unsafe_checkpoint_loading(): ...`` (``--unsafe-load-checkpoint`` in
``tools/train.py`` / ``tools/test.py``), with a warning. Only do it for files you trust.
"""
import os
import pickle
import warnings
from contextlib import contextmanager
from typing import List

import numpy as np
import torch
from mmengine.runner.checkpoint import CheckpointLoader, load_from_local

from .checkpoint_file import check_checkpoint_file

_ENV = 'TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD'
OPT_IN_HINT = (
    'If you trust this file, load it with the explicit opt-in: '
    '`tools/train.py` / `tools/test.py --unsafe-load-checkpoint`, or in Python '
    '`with mmdebias.utils.unsafe_checkpoint_loading(): ...`. Never do that for a file from '
    'an untrusted source: unpickling it can run arbitrary code.')


class UnsafeCheckpointError(pickle.UnpicklingError):
    """A checkpoint holds an object that safe (``weights_only``) loading refuses."""


def mmengine_safe_globals() -> List[type]:
    """The non-tensor types mmengine 0.10.7 writes into its checkpoints; none runs code when
    rebuilt. (numpy >= 1.25 names its dtype classes in ``numpy.dtypes``.)"""
    from mmengine.config import ConfigDict
    from mmengine.logging import HistoryBuffer

    if np.lib.NumpyVersion(np.__version__) >= '2.0.0':
        from numpy._core import multiarray
    else:
        from numpy.core import multiarray
    types = [HistoryBuffer, ConfigDict, np.ndarray, np.dtype, multiarray._reconstruct,
             multiarray.scalar]
    dtype_classes = getattr(np, 'dtypes', None)
    if dtype_classes is not None:
        types += [getattr(dtype_classes, name) for name in dir(dtype_classes)
                  if name.endswith('DType') and isinstance(getattr(dtype_classes, name), type)
                  and name not in ('StringDType', )]
    return types


def history_buffer_getattr(obj, name: str):
    """The one use of ``getattr`` in mmengine checkpoints, and nothing else.

    ``HistoryBuffer.__getstate__`` stores its statistics methods (``HistoryBuffer.mean``,
    ...), which pickle writes as ``getattr(HistoryBuffer, 'mean')``. Allow-listing the real
    ``getattr`` would let a pickle walk from any allowed class to ``os.system``; this
    stand-in is registered under the name ``builtins.getattr`` instead and only returns
    methods of ``HistoryBuffer`` itself.
    """
    from mmengine.logging import HistoryBuffer

    attr = getattr(HistoryBuffer, name, None) if obj is HistoryBuffer and isinstance(
        name, str) and not name.startswith('_') else None
    if not callable(attr):
        raise UnsafeCheckpointError(
            f'checkpoint asks for getattr({getattr(obj, "__name__", type(obj).__name__)}, '
            f'{name!r}); safe loading only allows the HistoryBuffer statistics methods that '
            f'mmengine writes. {OPT_IN_HINT}')
    return attr


@contextmanager
def safe_checkpoint_loading():
    """Scoped safe loading of mmengine checkpoints (see the module docstring).

    Inside the block, :func:`mmengine_safe_globals` are allow-listed for
    ``torch.load(weights_only=True)`` and mmengine's local checkpoint loader is replaced by
    one whose refusals raise :class:`UnsafeCheckpointError` naming the file and the fix. On
    exit torch's allow-list and mmengine's loader are what they were before. Re-entrant.

    Needs torch >= 2.5 (``get_safe_globals`` / ``clear_safe_globals`` and ``(object, name)``
    entries in ``torch.serialization``). With an older torch, whose ``torch.load`` still defaults to
    ``weights_only=False``, there is nothing to allow-list: loading stays exactly as torch
    and mmengine do it, and a warning says that checkpoints are then unpickled unchecked.
    """
    serialization = torch.serialization
    api = [getattr(serialization, name, None) for name in
           ('get_safe_globals', 'add_safe_globals', 'clear_safe_globals')]
    entries = mmengine_safe_globals() + [(history_buffer_getattr, 'builtins.getattr'),
                                         (history_buffer_getattr, '__builtin__.getattr')]
    before = None
    if all(api):
        before = list(serialization.get_safe_globals())
        try:
            serialization.add_safe_globals(entries)
        except TypeError:  # torch 2.4: no (object, name) entries
            serialization.clear_safe_globals()
            serialization.add_safe_globals(before)
            before = None
    if before is None:
        warnings.warn(
            f'mmdebias: torch {torch.__version__} has no weights_only allow-list with named '
            'entries (torch >= 2.5); checkpoints load as torch and mmengine load them, which '
            'for torch < 2.6 means fully unpickled (only load files you trust).', UserWarning,
            stacklevel=3)
    previous = CheckpointLoader._schemes.get('')
    CheckpointLoader.register_scheme(prefixes='', loader=_load_from_local_explained,
                                     force=True)
    try:
        yield
    finally:
        CheckpointLoader.register_scheme(prefixes='', loader=previous or load_from_local,
                                         force=True)
        if before is not None:  # exactly the allow-list of before the block
            serialization.clear_safe_globals()
            serialization.add_safe_globals(before)


def _load_from_local_explained(filename, map_location=None):
    """mmengine's local loader; a refused global becomes an error naming file and fix."""
    check_checkpoint_file(filename)  # empty / truncated / not a checkpoint: named, with the fix
    try:
        return load_from_local(filename, map_location=map_location)
    except pickle.UnpicklingError as error:
        if isinstance(error, UnsafeCheckpointError):
            raise
        first = str(error).strip().splitlines()
        refused = next((line.strip() for line in first if 'GLOBAL' in line or
                        'Unsupported' in line), first[0] if first else '')
        raise UnsafeCheckpointError(
            f'Refused to load checkpoint {filename!r}: it holds an object that safe '
            f'(weights_only) loading does not allow ({refused}). Checkpoints written by '
            f'mmengine / mmdebias load safely; this file was written by other code or may be '
            f'malicious. {OPT_IN_HINT}') from error


@contextmanager
def unsafe_checkpoint_loading():
    """Scoped opt-in: inside the block, ``torch.load`` unpickles anything (torch's pre-2.6
    default). Warns; restores the previous setting on exit. Only for trusted files."""
    warnings.warn(
        'mmdebias: loading checkpoints with weights_only=False (unsafe_checkpoint_loading / '
        '--unsafe-load-checkpoint): a malicious file can run arbitrary code. Use this only '
        'for checkpoints you trust.', UserWarning, stacklevel=3)
    previous = os.environ.get(_ENV)
    os.environ[_ENV] = '1'
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(_ENV, None)
        else:
            os.environ[_ENV] = previous
