"""Sphinx configuration of the mmdebias documentation (``bash tools/build_docs.sh``).

``api.rst`` is written at build time from the registries (every component mmdebias
registers, grouped by registry, then every module of ``mmdebias.preparation``), so it cannot
go stale.
"""
import os.path as osp
import pkgutil
import sys

ROOT = osp.abspath(osp.join(osp.dirname(__file__), '..', '..'))
sys.path.insert(0, ROOT)

import mmdebias  # noqa: E402

project = 'mmdebias'
copyright = '2026, the mmdebias authors'
version = release = mmdebias.__version__

extensions = [
    'sphinx.ext.autodoc',
    'sphinx.ext.napoleon',  # Google-style Args / Returns sections
    'sphinx.ext.mathjax',  # the `.. math::` blocks of the docstrings
    'sphinx.ext.viewcode',
]
autodoc_member_order = 'bysource'
autodoc_default_options = {'members': False, 'show-inheritance': True}
autodoc_typehints = 'none'  # signatures carry the types; bodies stay readable
napoleon_google_docstring = True
napoleon_numpy_docstring = False
exclude_patterns = ['_build']
html_theme = 'alabaster'
html_static_path = ['_static']
html_theme_options = {'description': 'Static-bias mitigation for MMAction2',
                      'fixed_sidebar': True}
nitpicky = False

# (registry title, registry object, what it holds)
REGISTRIES = [
    ('MODELS', 'mmaction.registry.MODELS',
     'heads, objectives, necks, blendings, data preprocessors, losses'),
    ('TRANSFORMS', 'mmaction.registry.TRANSFORMS', 'data pipeline transforms'),
    ('DATASETS', 'mmaction.registry.DATASETS', 'datasets'),
    ('METRICS', 'mmaction.registry.METRICS', 'evaluation metrics'),
    ('HOOKS', 'mmaction.registry.HOOKS', 'training hooks'),
    ('FUNCTIONS', 'mmengine.registry.FUNCTIONS', 'functions usable from configs'),
]


def _registry(path):
    module, _, name = path.rpartition('.')
    return getattr(__import__(module, fromlist=[name]), name)


def write_api(app):
    lines = [
        'API reference', '=============', '',
        'Every component that ``import mmdebias`` registers, by registry (a config names it '
        'by ``type=``). mmdebias registers into MMAction2\'s registries, so stock configs find '
        'them after ``custom_imports = dict(imports=[\'mmdebias\'])``; configs inheriting '
        '``mmdebias::`` files use the ``mmdebias`` scope, whose registries fall back to '
        'MMAction2\'s.', ''
    ]
    for title, path, what in REGISTRIES:
        registry = _registry(path)
        items = sorted((name, obj) for name, obj in registry.module_dict.items()
                       if getattr(obj, '__module__', '').startswith('mmdebias'))
        if not items:
            continue
        lines += [f'{title}', '-' * len(title), '',
                  f'``{path}``: {what}.', '']
        for name, obj in items:
            directive = 'autoclass' if isinstance(obj, type) else 'autofunction'
            lines += [f'.. {directive}:: {obj.__module__}.{obj.__qualname__}', '']
    lines += ['Functions', '---------', '',
              'Metrics and helpers used directly from Python.', '',
              '.. automodule:: mmdebias.evaluation.functional', '   :members:', '',
              '.. automodule:: mmdebias.utils.safe_checkpoint', '   :members:', '']
    import mmdebias.preparation as preparation
    lines += ['Data preparation', '----------------', '',
              'Offline jobs run by ``tools/data/`` before training (``mmdebias.preparation``); '
              'no config builds them and no data pipeline calls them.', '']
    for module in pkgutil.iter_modules(preparation.__path__):
        lines += [f'.. automodule:: mmdebias.preparation.{module.name}', '   :members:', '']
    text = '\n'.join(lines)
    path = osp.join(app.srcdir, 'api.rst')
    if not osp.exists(path) or open(path).read() != text:
        with open(path, 'w') as f:
            f.write(text)


def setup(app):
    app.connect('builder-inited', write_api)
