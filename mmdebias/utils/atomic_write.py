"""Write a file so that its path never holds a partial file.

Every writer of the project that produces a file a later run trusts (a video of the bias
benchmark, a detection cache entry, a pseudo-label file, an annotation list) goes through
:func:`atomic_write`: the content is written to a temporary file next to the target and
renamed onto it (``os.replace``, atomic on POSIX within one file system) only when the
writer finished without an exception. An interrupted or failed write leaves the target as it
was (absent, or the previous complete version) and removes the temporary file, so a resumed
run never takes a truncated file for a finished one.

The temporary file is ``.<name>.<pid>-<random>.tmp<ext>`` in the target's folder: hidden, so
that globs such as ``part_*.npz`` never pick it up, unique per process and call (parallel
workers), and ending in the target's extension, which writers that choose a container or
add a suffix by extension (``cv2.VideoWriter``, ``np.savez``) need.
"""
import json
import os
import os.path as osp
import uuid
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def atomic_write(path: str) -> Iterator[str]:
    """Yield a temporary path to write; it replaces ``path`` when the block succeeds.

    The target's folder is created if needed. On an exception inside the block the
    temporary file (if the writer created it) is removed and the exception propagates;
    ``path`` is left untouched.

    Example::

        with atomic_write('out/labels.npz') as tmp:
            np.savez(tmp, probs=probs)
        with atomic_write('out/list.json') as tmp, open(tmp, 'w') as f:
            json.dump(entries, f)

    Args:
        path (str): The file to write.

    Yields:
        str: The temporary path, in the same folder and with the same extension.
    """
    if not os.fspath(path):
        raise ValueError(f'atomic_write: the path to write must name a file, got {path!r}.')
    folder, name = osp.split(osp.abspath(path))
    if osp.isdir(path):
        raise IsADirectoryError(f'atomic_write: {path} is a folder, so a file cannot replace '
                                'it; remove it or write to another file name.')
    blocked = next((p for p in _parents(folder) if osp.lexists(p) and not osp.isdir(p)), None)
    if blocked is not None:
        raise NotADirectoryError(f'atomic_write: cannot write {path}: {blocked} is not a folder '
                                 '(a file is in the way); remove it or choose another output '
                                 'folder.')
    os.makedirs(folder, exist_ok=True)
    ext = osp.splitext(name)[1]
    tmp = osp.join(folder, f'.{name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp{ext}')
    try:
        yield tmp
        if not osp.isfile(tmp):
            raise FileNotFoundError(f'atomic_write: the writer created no file for {path} '
                                    f'(expected it at the temporary path {tmp}).')
        os.replace(tmp, path)
    except BaseException:
        if osp.lexists(tmp):
            os.remove(tmp)
        raise


def write_json(path: str, obj, indent: int = 1) -> None:
    """Write ``obj`` as JSON to ``path`` through :func:`atomic_write`."""
    with atomic_write(path) as tmp, open(tmp, 'w') as f:
        json.dump(obj, f, indent=indent)


def _parents(folder: str):
    """``folder`` and its ancestors, the root last."""
    while True:
        yield folder
        parent = osp.dirname(folder)
        if parent == folder:
            return
        folder = parent
