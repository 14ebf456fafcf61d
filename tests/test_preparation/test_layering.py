"""Runtime vs preparation: ``mmdebias.datasets`` holds what a config builds and never imports
``mmdebias.preparation``; preparation registers nothing a config could build."""
import json
import subprocess
import sys

SCRIPT = r'''
import json, sys
import mmdebias, mmdebias.datasets as datasets
from mmaction.registry import DATASETS, MODELS, TRANSFORMS
runtime_loaded = sorted(m for m in sys.modules if m.startswith('mmdebias.preparation'))
registries = dict(DATASETS=DATASETS, TRANSFORMS=TRANSFORMS, MODELS=MODELS)
before = {name: set(reg.module_dict) for name, reg in registries.items()}
import mmdebias.preparation
added = {name: sorted(set(reg.module_dict) - before[name]) for name, reg in registries.items()}
unregistered = [name for name in datasets.__all__
                if DATASETS.get(name) is not getattr(datasets, name)
                and TRANSFORMS.get(name) is not getattr(datasets, name)]
print(json.dumps(dict(runtime_loaded=runtime_loaded, added=added, unregistered=unregistered,
                      exports=len(datasets.__all__))))
'''


def test_runtime_does_not_import_preparation():
    out = subprocess.run([sys.executable, '-c', SCRIPT], capture_output=True, text=True,
                         check=True).stdout
    report = json.loads(out.strip().splitlines()[-1])
    # training (import mmdebias + the config's datasets / transforms) loads no preparation
    assert report['runtime_loaded'] == []
    # importing preparation registers nothing: no config builds it
    assert report['added'] == dict(DATASETS=[], TRANSFORMS=[], MODELS=[])
    # every name mmdebias.datasets exports is a registered dataset or transform
    assert report['unregistered'] == []
    assert report['exports'] == 11


def test_each_preparation_export_comes_from_preparation():
    import mmdebias.preparation as preparation
    for name in preparation.__all__:
        assert getattr(preparation, name).__module__.startswith('mmdebias.preparation.'), name


def _imported_modules(path, package):
    """Absolute names of the modules a source file imports (relative imports resolved)."""
    import ast
    tree = ast.parse(open(path).read(), filename=path)
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split('.')[:len(package.split('.')) - node.level + 1]
                module = '.'.join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            names += [module] + [f'{module}.{alias.name}' for alias in node.names]
    return names


def test_no_runtime_module_imports_preparation():
    """Statically, also inside functions: no module outside ``mmdebias/preparation`` imports
    it (e.g. the MotionShapes generator, :mod:`mmdebias.preparation.synthetic`, is reached
    only by the data tools, the demo and the tests)."""
    import os
    import os.path as osp

    import mmdebias
    root = osp.dirname(mmdebias.__file__)
    offenders = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(('.', '__'))]
        rel = osp.relpath(dirpath, osp.dirname(root)).replace(os.sep, '.')
        if rel == 'mmdebias.preparation' or rel.startswith('mmdebias.preparation.'):
            continue
        for name in filenames:
            if not name.endswith('.py'):
                continue
            # a relative import counts from the file's package (``rel``), __init__ included
            for module in _imported_modules(osp.join(dirpath, name), rel):
                if module == 'mmdebias.preparation' or module.startswith(
                        'mmdebias.preparation.'):
                    offenders.append(f'{osp.join(dirpath, name)}: {module}')
    assert offenders == []


def test_generator_imports_first_without_a_cycle():
    """The generator module imported first in a fresh interpreter (it used to live in
    ``mmdebias.datasets`` and import preparation, whose benchmark builder imported it back)."""
    code = ('import mmdebias.preparation.synthetic.motion_shapes as m, sys; '
            'print(m.generate_motion_shapes.__module__, "mmdebias.datasets.synthetic" in '
            'sys.modules)')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ['mmdebias.preparation.synthetic.motion_shapes', 'False']
