"""Build a repaired mmaction2 1.2.0 wheel (the DRN package restored as a placeholder).

MMAction2 1.2.0's PyPI wheel and sdist lack ``mmaction/models/localizers/drn/`` (upstream
issue open-mmlab/mmaction2#2714), so ``import mmaction.models`` fails in a fresh
environment. Instead of writing files into an installed mmaction2, this script takes the
1.2.0 wheel from PyPI, adds the missing package as a placeholder (building ``DRN`` raises a
clear error; every other model imports), rewrites the wheel's RECORD (sha256 of every
file), caches the result and prints its path; install it with ``pip install <wheel>``. Its
metadata (dependencies included) is PyPI's; pip owns every file it installs, so ``pip
uninstall mmaction2`` removes them all.

    python tools/build_mmaction_wheel.py [--cache DIR]

``tools/setup_env.sh`` and ``tools/check_install.sh`` use it. An installation of
mmaction2 from its git source (tag v1.2.0) has the real DRN and needs none of this.
"""
import argparse
import base64
import glob
import hashlib
import os
import os.path as osp
import shutil
import subprocess
import sys
import tempfile
import zipfile

from patch_mmaction import DRN_INIT, DRN_SOURCE

VERSION = '1.2.0'
DRN_DIR = 'mmaction/models/localizers/drn/'
RECORD = f'mmaction2-{VERSION}.dist-info/RECORD'


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
    return f'{name},sha256={digest},{len(data)}'


def repair(wheel: str, out: str) -> None:
    """Copy ``wheel`` to ``out`` with the DRN placeholder added and RECORD rewritten."""
    with zipfile.ZipFile(wheel) as src:
        names = src.namelist()
        if RECORD not in names:
            sys.exit(f'[build_mmaction_wheel] {wheel} has no {RECORD}: not mmaction2 {VERSION}')
        files = {n: src.read(n) for n in names if n != RECORD and not n.endswith('/')}
    if any(n.startswith(DRN_DIR) for n in files):
        sys.exit(f'[build_mmaction_wheel] {wheel} already has {DRN_DIR}: install it as it is')
    files[DRN_DIR + '__init__.py'] = DRN_INIT.encode()
    files[DRN_DIR + 'drn.py'] = DRN_SOURCE.encode()
    record = [_record_line(n, d) for n, d in files.items()] + [f'{RECORD},,']
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as dst:
        for name, data in files.items():
            dst.writestr(name, data)
        dst.writestr(RECORD, '\n'.join(record) + '\n')


def build(cache: str) -> str:
    out_dir = osp.join(cache, f'mmaction2-{VERSION}-pypi-with-drn')
    name = f'mmaction2-{VERSION}-py2.py3-none-any.whl'
    target = osp.join(out_dir, name)
    if osp.exists(target):
        return target
    tmp = tempfile.mkdtemp()
    try:
        subprocess.run([sys.executable, '-m', 'pip', '--disable-pip-version-check', '-q',
                        'download', '--no-deps', '--only-binary', ':all:', '-d', tmp,
                        f'mmaction2=={VERSION}'], check=True)
        wheels = glob.glob(osp.join(tmp, f'mmaction2-{VERSION}-*.whl'))
        if len(wheels) != 1:
            sys.exit(f'[build_mmaction_wheel] pip download gave {wheels}, expected one '
                     f'mmaction2-{VERSION} wheel')
        os.makedirs(out_dir, exist_ok=True)
        repair(wheels[0], osp.join(tmp, name))
        shutil.move(osp.join(tmp, name), target)  # complete or absent, never half-written
        return target
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--cache', default=os.environ.get(
        'MMDEBIAS_CACHE', osp.join(osp.expanduser('~'), '.cache', 'mmdebias')),
                        help='folder that keeps the built wheel (default: $MMDEBIAS_CACHE '
                        'or ~/.cache/mmdebias)')
    print(build(parser.parse_args().cache))


if __name__ == '__main__':
    main()
