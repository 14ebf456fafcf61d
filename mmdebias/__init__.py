"""mmdebias: static-bias mitigation and evaluation for MMAction2.

Importing this package registers every component into MMAction2's registries
(``mmaction.registry.MODELS / TRANSFORMS / METRICS / HOOKS``). In a config::

    custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
"""
from .version import __version__
from . import datasets, engine, evaluation, models, utils  # noqa: F401

# torch >= 2.6 loads checkpoints with weights_only=True (safe), which refuses the few
# non-tensor types mmengine 0.10.7 writes (HistoryBuffer, numpy arrays and scalars,
# ConfigDict). Allow-list exactly those, keeping torch's safe default for everything else.
utils.allow_mmengine_checkpoints()

__all__ = ['__version__', 'datasets', 'engine', 'evaluation', 'models', 'utils']
