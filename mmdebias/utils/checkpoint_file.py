"""A local checkpoint file that cannot be a PyTorch checkpoint is an error naming the file.

torch reports such a file without its name or its cause: a zero-byte file (an interrupted
save or download) as ``EOFError`` with no message, a truncated one as ``PytorchStreamReader
failed reading zip archive: failed finding central directory``, and a Git LFS pointer or an
HTML error page saved as ``.pth`` -- under safe (``weights_only``) loading -- as a refused
pickle opcode, which reads like a malicious file. :func:`check_checkpoint_file` looks at the
file before ``torch.load`` does (its size, its first bytes and, for the zip format of
``torch.save``, the zip directory at its end; no full read) and says which of these it is.

The project's local checkpoint loader (``mmdebias.utils.safe_checkpoint``, used by
``load_from``, ``--resume``, ``tools/test.py`` and the tools that load a model) calls it
first.
"""
import os.path as osp
import zipfile

ZIP_MAGIC = b'PK\x03\x04'  # torch.save (default since torch 1.6): a zip archive
PICKLE_MAGIC = b'\x80'  # the legacy format: a pickle (protocol >= 2)


def check_checkpoint_file(filename: str) -> None:
    """Refuse a local checkpoint file that cannot be loaded, with the file and the fix.

    Raises:
        FileNotFoundError: the file does not exist.
        IsADirectoryError: it is a folder.
        ValueError: it is empty (0 bytes), a truncated zip archive, a Git LFS pointer, or
            anything else that is neither a zip archive nor a pickle.
    """
    filename = osp.expanduser(str(filename))
    if osp.isdir(filename):
        raise IsADirectoryError(f'checkpoint {filename} is a directory, not a checkpoint file; '
                                'give the .pth file (e.g. <work_dir>/epoch_N.pth).')
    if not osp.isfile(filename):
        raise FileNotFoundError(f'checkpoint {filename} does not exist.')
    size = osp.getsize(filename)
    again = ('save it again, or download it again, or pass another checkpoint (to resume: '
             'an earlier epoch_N.pth of the work dir)')
    if size == 0:
        raise ValueError(f'checkpoint {filename} is empty (0 bytes): the save or download that '
                         f'wrote it was interrupted; {again}.')
    with open(filename, 'rb') as f:
        head = f.read(64)
    if head.startswith(ZIP_MAGIC):
        if not zipfile.is_zipfile(filename):
            raise ValueError(f'checkpoint {filename} is truncated ({size} bytes, a zip archive '
                             'without its end): the save or download that wrote it was '
                             f'interrupted; {again}.')
        return
    if head.startswith(PICKLE_MAGIC):
        return
    if head.startswith(b'version https://git-lfs'):
        raise ValueError(f'checkpoint {filename} is a Git LFS pointer ({size} bytes), not the '
                         'checkpoint itself: fetch the file with `git lfs pull` (or download '
                         'the checkpoint directly).')
    kind = ('an HTML page (a failed download?)' if head.lstrip()[:1] == b'<' else
            f'a file starting with {head[:8]!r}')
    raise ValueError(f'checkpoint {filename} is not a PyTorch checkpoint: it is {kind}, '
                     f'{size} bytes; torch.save writes a zip archive (or, before torch 1.6, '
                     f'a pickle). Check the path, or {again}.')
