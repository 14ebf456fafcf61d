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
    assert report['exports'] == 10


def test_each_preparation_export_comes_from_preparation():
    import mmdebias.preparation as preparation
    for name in preparation.__all__:
        assert getattr(preparation, name).__module__.startswith('mmdebias.preparation.'), name
