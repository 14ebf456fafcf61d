"""Checks run *inside the second environment* by tools/check_install.sh.

Not collected by the main suite (the file name does not start with ``test_``):
check_install.sh copies the tiny videos to an empty folder outside the checkout, so that
only the installed wheel (``site-packages/mmdebias``, ``mmdebias/.mim``) can be used, and
runs ``pytest`` on this file from there.
"""
import math
import os
import os.path as osp
import re
import subprocess
import sys

import pytest

USER_CONFIG = '''\
# A user's own config, outside any checkout, inheriting an mmdebias config by package name.
_base_ = 'mmdebias::albar/albar_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'
train_cfg = dict(max_epochs=1, val_interval=1)
'''


def run(cmd, **kwargs):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, (
        f'{" ".join(cmd)} failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n'
        f'{proc.stderr[-5000:]}')
    return proc.stdout + proc.stderr


@pytest.fixture(scope='module')
def user_config(tmp_path_factory):
    path = osp.abspath('user_albar_tiny.py')
    with open(path, 'w') as f:
        f.write(USER_CONFIG)
    return path


@pytest.fixture
def config_scheme_opt_in():
    """``python -m mmdebias_config_scheme install`` for the test, uninstalled after it."""
    run([sys.executable, '-m', 'mmdebias_config_scheme', 'install'])
    yield
    run([sys.executable, '-m', 'mmdebias_config_scheme', 'uninstall'])


def test_installing_wrote_no_pth_file_and_nothing_into_other_packages():
    import mmdebias
    site = osp.dirname(osp.dirname(mmdebias.__file__))
    assert not [n for n in os.listdir(site) if n.startswith('mmdebias') and
                n.endswith('.pth')], os.listdir(site)
    record = [osp.join(site, n, 'RECORD') for n in os.listdir(site)
              if n.startswith('mmdebias-') and n.endswith('.dist-info')]
    with open(record[0]) as f:
        paths = [line.split(',')[0] for line in f]
    # every installed file is the package's own (mmdebias/, its dist-info, the opt-in module)
    foreign = [p for p in paths if p and not (p.startswith('mmdebias') or p.startswith(
        '__pycache__/mmdebias_config_scheme.'))]
    assert not foreign, foreign


def test_the_installed_wheel_is_used_with_other_dependency_versions():
    import cv2
    import numpy
    import mmdebias
    site = osp.dirname(osp.dirname(mmdebias.__file__))
    assert osp.basename(site) == 'site-packages', mmdebias.__file__
    assert osp.isfile(osp.join(site, 'mmdebias', '.mim', 'configs', 'albar',
                               'albar_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py'))
    main_python = osp.join(os.environ['MMDEBIAS_MAIN_VENV'], 'bin', 'python')
    main = run([main_python, '-c',
                'import numpy, cv2; print(numpy.__version__, cv2.__version__)']).split()
    assert [numpy.__version__, cv2.__version__] != main[-2:], (
        'the second environment must differ from the project environment')


def test_the_package_ships_the_repository_configs_tools_and_demo():
    import mmdebias
    mim = osp.join(osp.dirname(mmdebias.__file__), '.mim')
    installed = {osp.relpath(osp.join(root, name), mim)
                 for root, _, names in os.walk(mim) for name in names
                 if not name.endswith('.pyc')}
    repo = os.environ['MMDEBIAS_REPO']
    tracked = run(['git', '-C', repo, 'ls-files', 'configs', 'tools', 'demo',
                   'model-index.yml']).split()
    dev_scripts = {'tools/setup_env.sh', 'tools/run_tests.sh', 'tools/check_install.sh',
                   'tools/lint.sh', 'tools/build_docs.sh', 'tools/run_demo.sh'}
    assert installed == set(tracked) - dev_scripts, (
        sorted(installed ^ (set(tracked) - dev_scripts)))
    assert 'tools/data/stillmix_frame_bank.py' in installed


def test_mmdebias_scheme_resolves_after_import_and_with_the_opt_in(user_config):
    # any entry point that imports mmdebias first (tools/train.py, mim) resolves mmdebias::
    out = run([sys.executable, '-c', 'import mmdebias; from mmengine.config import Config; '
               f'cfg = Config.fromfile({user_config!r}); '
               'print(cfg.model.cls_head.type, cfg.model.data_preprocessor.type)'])
    assert 'ALBARHead StaticClipSampler' in out
    # MMAction2's tools/train.py parses the config before importing custom_imports: without
    # the opt-in that is mmengine's own error, with it the config resolves
    code = ('import sys; from mmengine.config import Config; '
            f'cfg = Config.fromfile({user_config!r}, import_custom_modules=False); '
            "assert 'mmdebias' not in sys.modules; "
            'print(cfg.model.cls_head.type, cfg.model.data_preprocessor.type)')
    proc = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert proc.returncode != 0 and 'mmdebias' in proc.stderr
    run([sys.executable, '-m', 'mmdebias_config_scheme', 'install'])
    try:
        out = run([sys.executable, '-c', code])
    finally:
        run([sys.executable, '-m', 'mmdebias_config_scheme', 'uninstall'])
    assert 'ALBARHead StaticClipSampler' in out
    # and so does a stock MMAction2 config, next to ours
    with open('user_stock.py', 'w') as f:
        f.write("_base_ = 'mmaction::recognition/tsn/"
                "tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py'\n")
    out = run([sys.executable, '-c', 'from mmengine.config import Config; '
               "print(Config.fromfile('user_stock.py').model.type)"])
    assert 'Recognizer2D' in out


def test_a_missing_mmdebias_config_names_the_file():
    with open('user_missing.py', 'w') as f:
        f.write("_base_ = 'mmdebias::albar/no_such_config.py'\n")
    proc = subprocess.run([sys.executable, '-c', 'import mmdebias; '
                           'from mmengine.config import Config; '
                           "Config.fromfile('user_missing.py')"], capture_output=True,
                          text=True)
    assert proc.returncode != 0
    assert 'FileNotFoundError' in proc.stderr and 'albar/no_such_config.py' in proc.stderr


def _check_run(work_dir, out):
    # ALBAR's static terms (adversarial CE, entropy, gradient penalty) are logged and finite
    static = re.findall(r'(loss_static\w*): (\S+)', out)
    assert {name for name, _ in static} >= {'loss_static_ce', 'loss_static_entropy',
                                           'loss_static_gp'}, out[-3000:]
    assert all(math.isfinite(float(value)) for _, value in static), static
    assert osp.isfile(osp.join(work_dir, 'epoch_1.pth')), os.listdir(work_dir)


def test_mmaction2_own_train_script_runs_albar(user_config, config_scheme_opt_in):
    import mmaction
    train = osp.join(osp.dirname(mmaction.__file__), '.mim', 'tools', 'train.py')
    work_dir = osp.abspath('work_dirs/mmaction_train')
    out = run([sys.executable, train, user_config, '--work-dir', work_dir])
    _check_run(work_dir, out)


def test_mim_train_and_test(user_config):
    mim = osp.join(osp.dirname(sys.executable), 'mim')
    work_dir = osp.abspath('work_dirs/mim_train')
    out = run([mim, 'train', 'mmdebias', user_config, '--work-dir', work_dir])
    _check_run(work_dir, out)
    out = run([mim, 'test', 'mmdebias', user_config, '--checkpoint',
               osp.join(work_dir, 'epoch_1.pth'), '--work-dir', work_dir])
    assert 'acc/top1' in out, out[-3000:]
