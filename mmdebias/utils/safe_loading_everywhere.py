r"""Opt-in: importing *this module* turns safe checkpoint loading on for the whole process.

``import mmdebias`` changes nothing process-wide; the project's tools load checkpoints inside
:func:`mmdebias.utils.safe_checkpoint_loading`. A script that loads checkpoints itself and
cannot be wrapped -- MMAction2's own ``tools/test.py`` or ``tools/train.py --resume`` under
torch >= 2.6, whose ``weights_only`` default refuses the ``HistoryBuffer`` / numpy objects
that mmengine writes into every checkpoint -- can ask for it by importing this module, e.g.
in the config it runs (``--cfg-options`` comes too late: mmengine imports ``custom_imports``
while it reads the file)::

    custom_imports = dict(imports=['mmdebias', 'mmdebias.utils.safe_loading_everywhere'],
                          allow_failed_imports=False)

The import enters :func:`safe_checkpoint_loading` and never leaves it: mmengine's own types
are allow-listed for ``torch.load(weights_only=True)`` and a refused checkpoint raises an
error naming the file, for the rest of the process. Nothing else is allowed.
"""
from .safe_checkpoint import safe_checkpoint_loading

_SCOPE = safe_checkpoint_loading()
_SCOPE.__enter__()
