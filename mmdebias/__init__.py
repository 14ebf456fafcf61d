"""mmdebias: static-bias mitigation and evaluation for MMAction2.

Importing this package registers every component into MMAction2's registries
(``mmaction.registry.MODELS / TRANSFORMS / METRICS / HOOKS``). In a config::

    custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
"""
from mmengine.config import utils as _config_utils

from .version import __version__
from . import datasets, engine, evaluation, models, registry, utils  # noqa: F401

# torch >= 2.6 loads checkpoints with weights_only=True (safe), which refuses the few
# non-tensor types mmengine 0.10.7 writes (HistoryBuffer, numpy arrays and scalars,
# ConfigDict). Allow-list exactly those, keeping torch's safe default for everything else.
utils.allow_mmengine_checkpoints()

# ``_base_ = 'mmdebias::albar/...'``: mmengine resolves ``pkg::`` config paths only for the
# packages in this table (mmdebias ships its configs in ``mmdebias/.mim/configs``). Scripts
# that parse a config before importing mmdebias rely on ``mmdebias_config_scheme.pth``.
_config_utils.MODULE2PACKAGE.setdefault('mmdebias', 'mmdebias')

__all__ = ['__version__', 'datasets', 'engine', 'evaluation', 'models', 'registry', 'utils']
