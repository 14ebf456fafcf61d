"""mmdebias: static-bias mitigation and evaluation for MMAction2.

Importing this package registers every component into MMAction2's registries
(``mmaction.registry.MODELS / TRANSFORMS / METRICS / HOOKS``). In a config::

    custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
"""
import os

# torch >= 2.6 loads checkpoints with weights_only=True, which rejects mmengine 0.10.7's own
# checkpoints (HistoryBuffer, numpy scalars): load_checkpoint and --resume fail. mmengine
# predates the flag; restore the old default unless the user chose otherwise.
os.environ.setdefault('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', '1')

from .version import __version__  # noqa: E402
from . import datasets, engine, evaluation, models, utils  # noqa: E402,F401

__all__ = ['__version__', 'datasets', 'engine', 'evaluation', 'models', 'utils']
