"""Let mmengine resolve ``mmdebias::`` config paths before ``mmdebias`` is imported.

mmengine 0.10 resolves ``_base_ = 'pkg::path/to/config.py'`` only for the packages named in
``mmengine.config.utils.MODULE2PACKAGE`` (the OpenMMLab repositories). ``import mmdebias``
adds itself there, but MMAction2's own ``tools/train.py`` (and any script that calls
``Config.fromfile`` first) parses the config before ``custom_imports`` are imported, so a
user config inheriting from ``mmdebias::...`` would fail with "mmengine does not support to
load mmdebias config".

A wheel install puts ``mmdebias_config_scheme.pth`` into ``site-packages``; Python runs its
single line at start-up, which calls :func:`install`. That only appends a small finder to
``sys.meta_path`` (no import of mmengine or torch at start-up): when
``mmengine.config.utils`` is first imported, the finder lets the normal machinery load it
and then adds ``'mmdebias': 'mmdebias'`` to ``MODULE2PACKAGE``. Nothing else is touched.
"""
import importlib.abc
import importlib.machinery
import sys

TARGET = 'mmengine.config.utils'


def register(module) -> None:
    """Add mmdebias to mmengine's table of packages that ship ``.mim/configs``."""
    module.MODULE2PACKAGE.setdefault('mmdebias', 'mmdebias')


class _ConfigSchemeFinder(importlib.abc.MetaPathFinder):
    """Finds ``mmengine.config.utils`` with the standard path finder, registers after load."""

    def find_spec(self, fullname, path, target=None):
        if fullname != TARGET:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def exec_and_register(module):
            exec_module(module)
            register(module)

        spec.loader.exec_module = exec_and_register
        return spec


def install() -> None:
    """Register now if mmengine's config utils are loaded, else when they are."""
    if TARGET in sys.modules:
        register(sys.modules[TARGET])
    elif not any(isinstance(f, _ConfigSchemeFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _ConfigSchemeFinder())
