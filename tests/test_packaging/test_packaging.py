"""Packaging pieces that can be checked in the project environment.

The install itself (a wheel in a second environment, ``mmdebias::`` configs, MMAction2's
``tools/train.py``, ``mim train`` / ``mim test``) is exercised by tools/check_install.sh,
which tools/run_tests.sh runs after this suite.
"""
import glob
import os.path as osp
import subprocess
import sys

import yaml
from mmengine.registry import VISUALIZERS as ROOT_VISUALIZERS

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def test_scheme_hook_registers_mmdebias_without_importing_it():
    code = ('import sys, mmdebias_config_scheme; mmdebias_config_scheme.install_finder(); '
            'from mmengine.config import utils; '
            "assert utils.MODULE2PACKAGE['mmdebias'] == 'mmdebias'; "
            "assert 'mmdebias' not in sys.modules and 'torch' not in sys.modules; "
            "print('ok')")
    proc = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                          cwd=ROOT)
    assert proc.returncode == 0 and 'ok' in proc.stdout, proc.stderr[-2000:]


def test_the_pth_file_is_an_explicit_opt_in(tmp_path):
    """No .pth ships (nothing to install by setup.py either); the opt-in command writes one
    that runs the hook, and removes it."""
    assert not glob.glob(osp.join(ROOT, '*.pth'))
    with open(osp.join(ROOT, 'setup.py')) as f:
        assert '.pth' not in f.read().split("if __name__ == '__main__':")[1]

    def command(*args):
        return subprocess.run([sys.executable, '-m', 'mmdebias_config_scheme', *args,
                               '--site-dir', str(tmp_path)], capture_output=True, text=True,
                              cwd=ROOT, check=True).stdout

    assert 'not installed' in command('status')
    command('install')
    (pth, ) = tmp_path.glob('*.pth')
    lines = [line for line in pth.read_text().splitlines() if line.strip()]
    # site.py executes a .pth line only if it starts with "import"
    assert len(lines) == 1 and lines[0].startswith('import mmdebias_config_scheme;')
    code = ('import site, sys; site.addsitedir(sys.argv[1]); '
            'from mmengine.config import utils; '
            "assert utils.MODULE2PACKAGE['mmdebias'] == 'mmdebias'; "
            "assert 'mmdebias' not in sys.modules; print('ok')")
    proc = subprocess.run([sys.executable, '-c', code, str(tmp_path)], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 0 and 'ok' in proc.stdout, proc.stderr[-2000:]
    command('uninstall')
    assert not list(tmp_path.glob('*.pth'))


def test_mmdebias_scope_falls_back_to_mmaction_registries():
    import mmdebias
    from mmdebias.models.heads import DebiasHead
    assert ROOT_VISUALIZERS._search_child('mmdebias') is mmdebias.registry.VISUALIZERS
    assert mmdebias.registry.MODELS.get('DebiasHead') is DebiasHead
    assert mmdebias.registry.MODELS.get('Recognizer3D') is not None
    assert mmdebias.registry.VISUALIZERS.get('ActionVisualizer') is not None


def test_every_method_config_is_listed_in_a_metafile():
    with open(osp.join(ROOT, 'model-index.yml')) as f:
        index = yaml.safe_load(f)
    listed = set()
    for meta in index['Import']:
        with open(osp.join(ROOT, meta)) as f:
            for model in yaml.safe_load(f)['Models']:
                assert osp.isfile(osp.join(ROOT, model['Config'])), model['Config']
                listed.add(model['Config'])
        folder = osp.dirname(meta)
        configs = {osp.relpath(p, ROOT) for p in glob.glob(osp.join(ROOT, folder, '*.py'))}
        assert configs <= listed, f'add {sorted(configs - listed)} to {meta}'
