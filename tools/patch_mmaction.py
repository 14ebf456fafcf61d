"""Opt-in: repair an installed mmaction2 1.2.0 PyPI distribution in place.

The PyPI wheel/sdist of mmaction2 1.2.0 lacks ``mmaction/models/localizers/drn/``
(upstream issue open-mmlab/mmaction2#2714), so ``import mmaction.models`` fails with
``ModuleNotFoundError: mmaction.models.localizers.drn``. mmdebias does not use the DRN
localizer; this script writes a module that registers ``DRN`` as a class that raises a
clear error when built, so every other mmaction2 model imports. Idempotent.

This writes into the installed mmaction2 package, so nothing runs it unless you do. The
project's environments install a repaired mmaction2 wheel instead
(``tools/build_mmaction_wheel.py``); mmaction2 installed from its git source needs neither.
"""
import importlib.util
import os
import sys

DRN_INIT = "from .drn import DRN\n\n__all__ = ['DRN']\n"
DRN_SOURCE = '''\
# Placeholder from mmdebias (tools/build_mmaction_wheel.py): the mmaction2 1.2.0 PyPI artifact lacks this
# package (open-mmlab/mmaction2#2714). DRN is not usable from this installation.
from mmaction.registry import MODELS


@MODELS.register_module()
class DRN:

    def __init__(self, *args, **kwargs):
        raise RuntimeError(
            'The DRN localizer is missing from the mmaction2 1.2.0 PyPI package '
            '(open-mmlab/mmaction2#2714). Install mmaction2 from source to use DRN.')
'''


def main():
    spec = importlib.util.find_spec('mmaction')
    if spec is None:
        sys.exit('mmaction2 is not installed in this environment')
    root = os.path.join(os.path.dirname(spec.origin), 'models', 'localizers', 'drn')
    if os.path.exists(os.path.join(root, 'drn.py')):
        print(f'[patch_mmaction] {root} present, nothing to do')
        return
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, '__init__.py'), 'w') as f:
        f.write(DRN_INIT)
    with open(os.path.join(root, 'drn.py'), 'w') as f:
        f.write(DRN_SOURCE)
    print(f'[patch_mmaction] wrote placeholder DRN package to {root}')


if __name__ == '__main__':
    main()
