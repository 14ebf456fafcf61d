"""mmdebias: static-bias mitigation and evaluation for MMAction2.

Importing this package registers every component into MMAction2's registries
(``mmaction.registry.MODELS / TRANSFORMS / METRICS / HOOKS``). In a config::

    custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)

The import changes nothing else in the process, with one addition to a table: mmengine
resolves ``_base_ = 'pkg::path/to/config.py'`` only for the packages named in
``mmengine.config.utils.MODULE2PACKAGE``, so the package adds its own entry,
``'mmdebias': 'mmdebias'`` (its configs ship in ``mmdebias/.mim/configs``). Safe checkpoint
loading is a context manager (:func:`mmdebias.utils.safe_checkpoint_loading`), which the
project's tools use; nothing is allow-listed or re-registered by the import.
"""
from mmengine.config import utils as _config_utils

from .version import __version__
from . import datasets, engine, evaluation, models, registry, utils  # noqa: F401

_config_utils.MODULE2PACKAGE.setdefault('mmdebias', 'mmdebias')

__all__ = ['__version__', 'datasets', 'engine', 'evaluation', 'models', 'registry', 'utils']
