"""Opt-in: let mmengine resolve ``mmdebias::`` config paths before ``mmdebias`` is imported.

mmengine 0.10 resolves ``_base_ = 'pkg::path/to/config.py'`` only for the packages named in
``mmengine.config.utils.MODULE2PACKAGE`` (the OpenMMLab repositories). ``import mmdebias``
adds its own entry there, so every entry point that imports the package before it parses a
config resolves ``mmdebias::`` -- the project's ``tools/train.py`` / ``tools/test.py``,
``mim train mmdebias`` / ``mim test mmdebias``, your own scripts. MMAction2's own
``tools/train.py`` parses the config (and its ``_base_``) before it imports
``custom_imports``, so there a config that inherits ``mmdebias::...`` fails with "mmengine
does not support to load mmdebias config". Either name the base config by its path (the
repository's ``configs/...``, or the installed copy: ``python -c "import mmdebias, os;
print(os.path.join(os.path.dirname(mmdebias.__file__), '.mim', 'configs'))"``), or opt in,
once per environment::

    python -m mmdebias_config_scheme install     # writes mmdebias_config_scheme.pth
    python -m mmdebias_config_scheme uninstall   # removes it

Installing mmdebias writes no ``.pth`` file. The opt-in puts one next to this module in
``site-packages``; Python runs its single line at the start of every interpreter of that
environment, which calls :func:`install_finder`. That only appends a small finder to
``sys.meta_path`` (no import of mmengine or torch at start-up): when
``mmengine.config.utils`` is first imported, the finder lets the normal machinery load it
and then adds ``'mmdebias': 'mmdebias'`` to ``MODULE2PACKAGE``. Nothing else is touched.
"""
import argparse
import importlib.abc
import importlib.machinery
import os
import os.path as osp
import sys

TARGET = 'mmengine.config.utils'
PTH_NAME = 'mmdebias_config_scheme.pth'
PTH_LINE = 'import mmdebias_config_scheme; mmdebias_config_scheme.install_finder()\n'


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


def install_finder() -> None:
    """Register now if mmengine's config utils are loaded, else when they are (what the
    opt-in ``.pth`` line runs at interpreter start-up)."""
    if TARGET in sys.modules:
        register(sys.modules[TARGET])
    elif not any(isinstance(f, _ConfigSchemeFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _ConfigSchemeFinder())


def pth_path(site_dir=None) -> str:
    """Where the opt-in ``.pth`` goes: next to this module (its ``site-packages``)."""
    return osp.join(site_dir or osp.dirname(osp.abspath(__file__)), PTH_NAME)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog='python -m mmdebias_config_scheme',
        description='Opt in (or out) of resolving mmdebias:: config paths in every Python '
        'process of this environment, also before mmdebias is imported (e.g. in '
        "MMAction2's own tools/train.py).")
    parser.add_argument('action', choices=('install', 'uninstall', 'status'))
    parser.add_argument('--site-dir', help='folder for the .pth file (default: the '
                        'site-packages folder that holds this module)')
    args = parser.parse_args(argv)
    path = pth_path(args.site_dir)
    if args.action == 'install':
        with open(path, 'w') as f:
            f.write(PTH_LINE)
        print(f'wrote {path}: mmdebias:: configs resolve in every Python process of this '
              'environment; undo with `python -m mmdebias_config_scheme uninstall`')
    elif args.action == 'uninstall':
        if osp.exists(path):
            os.remove(path)
            print(f'removed {path}')
        else:
            print(f'{path} is not there; nothing to remove')
    else:
        print(f'{path}: {"installed" if osp.exists(path) else "not installed"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
