"""Safe checkpoint loading: `import mmdebias` keeps torch's weights_only default and changes
nothing else; inside `safe_checkpoint_loading()` (which the project's tools use) mmengine's own
checkpoints load, and a malicious checkpoint is refused -- through mmengine's load_checkpoint,
Runner(load_from), tools/train.py --resume, tools/test.py and the analysis and data tools --
without its payload ever running; on exit torch's allow-list and mmengine's loader are what
they were."""
import fractions
import os
import os.path as osp
import pickle
import subprocess
import sys

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config
from mmengine.logging import HistoryBuffer
from mmengine.runner import Runner, load_checkpoint
from mmengine.runner.checkpoint import CheckpointLoader

from mmdebias.utils import (UnsafeCheckpointError, safe_checkpoint_loading,
                            unsafe_checkpoint_loading)
from tests.scripts import load_script

CFG = 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'


class Payload:
    """Pickles as a call of os.system: runs a shell command when unpickled."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f'touch {self.marker}', ))


class GetattrSmuggler:
    """Pickles as getattr(<not HistoryBuffer>, name): the route through the only getattr
    mmengine checkpoints need."""

    def __reduce__(self):
        return (getattr, (subprocess.Popen, 'communicate'))


class StatGetattrSmuggler:
    def __reduce__(self):
        return (getattr, (HistoryBuffer, '__init__'))


def _model(repo_root):
    cfg = Config.fromfile(osp.join(repo_root, CFG))
    return MODELS.build(cfg.model)


def _save(path, model, **meta):
    torch.save(dict(meta=dict(meta, seed=0), state_dict=model.state_dict()), path)
    return str(path)


@pytest.fixture
def malicious(tmp_path, repo_root):
    marker = tmp_path / 'PWNED'
    path = _save(tmp_path / 'malicious.pth', _model(repo_root), note=Payload(marker))
    yield path, marker
    assert not marker.exists(), 'the payload of the malicious checkpoint ran'


def _run(args, cwd):
    env = dict(os.environ, PYTHONUNBUFFERED='1')
    env.pop('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', None)
    return subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_import_does_not_switch_off_weights_only(malicious):
    path, _ = malicious
    import mmdebias  # noqa: F401
    assert os.environ.get('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD') is None
    with pytest.raises(pickle.UnpicklingError, match='posix.system|os.system'):
        torch.load(path)


def test_load_checkpoint_refuses_malicious_file_naming_it_and_the_opt_in(malicious,
                                                                          repo_root):
    path, _ = malicious
    with pytest.raises(UnsafeCheckpointError) as error, safe_checkpoint_loading():
        load_checkpoint(_model(repo_root), path, map_location='cpu')
    message = str(error.value)
    assert path in message and 'system' in message
    assert '--unsafe-load-checkpoint' in message and 'trust' in message


@pytest.mark.parametrize('smuggler', [GetattrSmuggler(), StatGetattrSmuggler()])
def test_getattr_stand_in_only_allows_history_buffer_methods(tmp_path, repo_root, smuggler):
    path = _save(tmp_path / 'getattr.pth', _model(repo_root), note=smuggler)
    with pytest.raises(pickle.UnpicklingError), safe_checkpoint_loading():
        load_checkpoint(_model(repo_root), path, map_location='cpu')


def test_runner_load_from_refuses_malicious_file(malicious, repo_root, tmp_path):
    path, _ = malicious
    cfg = Config.fromfile(osp.join(repo_root, CFG))
    cfg.work_dir = str(tmp_path / 'work')
    cfg.load_from = path
    cfg.train_cfg.max_epochs = 1
    cfg.log_level = 'WARNING'
    cwd = os.getcwd()
    os.chdir(repo_root)
    try:
        runner = Runner.from_cfg(cfg)
        with pytest.raises(UnsafeCheckpointError, match='malicious.pth'), \
                safe_checkpoint_loading():
            runner.train()
    finally:
        os.chdir(cwd)


def test_mmengine_checkpoint_with_history_buffers_and_numpy_loads_safely(tmp_path,
                                                                          repo_root):
    import numpy as np
    from mmengine.config import ConfigDict
    buffer = HistoryBuffer()
    buffer.update(np.float64(0.5))
    state = dict(meta=dict(seed=0, dtype=np.dtype('float32'), cfg=ConfigDict(a=1),
                           scalar=np.int64(3)),
                 message_hub=dict(log_scalars={'train/loss': buffer}),
                 numpy_rng=np.random.get_state(),
                 state_dict=_model(repo_root).state_dict())
    torch.save(state, tmp_path / 'ok.pth')
    with pytest.raises(pickle.UnpicklingError):  # outside the block: torch's plain default
        torch.load(tmp_path / 'ok.pth')
    with safe_checkpoint_loading():
        loaded = torch.load(tmp_path / 'ok.pth')  # weights_only=True, torch's default
    assert loaded['message_hub']['log_scalars']['train/loss'].mean() == 0.5
    assert loaded['meta']['scalar'] == 3 and loaded['meta']['cfg'].a == 1
    assert (loaded['numpy_rng'][1] == np.random.get_state()[1]).all()


def test_scoped_opt_in_loads_a_trusted_legacy_pickle_and_restores_the_default(tmp_path,
                                                                                repo_root):
    path = _save(tmp_path / 'legacy.pth', _model(repo_root), ratio=fractions.Fraction(1, 3))
    with pytest.raises(UnsafeCheckpointError), safe_checkpoint_loading():
        load_checkpoint(_model(repo_root), path, map_location='cpu')
    with pytest.warns(UserWarning, match='arbitrary code'):
        with unsafe_checkpoint_loading():
            checkpoint = load_checkpoint(_model(repo_root), path, map_location='cpu')
    assert checkpoint['meta']['ratio'] == fractions.Fraction(1, 3)
    assert os.environ.get('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD') is None
    with pytest.raises(UnsafeCheckpointError), safe_checkpoint_loading():
        load_checkpoint(_model(repo_root), path, map_location='cpu')


@pytest.mark.slow
def test_tools_refuse_malicious_checkpoint(malicious, repo_root, tmp_path):
    path, _ = malicious
    work = str(tmp_path / 'work')
    runs = {
        'train --resume': _run(['tools/train.py', CFG, '--work-dir', work, '--resume', path,
                                '--no-validate'], repo_root),
        'test': _run(['tools/test.py', CFG, path, '--work-dir', work], repo_root),
        'reliance': _run(['tools/analysis/motion_shapes_reliance.py', CFG, path,
                          '--data-root', str(tmp_path)], repo_root),
    }
    for name, proc in runs.items():
        assert proc.returncode != 0, name
        if name != 'reliance':  # (the reliance tool first checks its data root)
            assert 'Refused to load checkpoint' in proc.stderr, (name, proc.stderr[-2000:])


def test_data_and_analysis_tools_refuse_malicious_checkpoint(malicious, repo_root,
                                                             tmp_path):
    path, _ = malicious
    cfg = Config.fromfile(osp.join(repo_root, CFG))
    cfg_path = tmp_path / 'cfg.py'
    cfg.dump(str(cfg_path))
    pseudo = load_script('tools/data/extract_pseudo_labels.py')
    with pytest.raises(UnsafeCheckpointError):
        pseudo.build_classifier(str(cfg_path), path)
    scene = load_script('tools/analysis/scene_bias.py')
    with pytest.raises(UnsafeCheckpointError):
        scene.build_feature_model(cfg.model, path)


@pytest.mark.slow
def test_tools_test_loads_strictly_by_default(repo_root, tmp_path):
    cfg = Config.fromfile(osp.join(repo_root, CFG))
    cfg.model.cls_head.num_classes = 7  # another class count than the config's
    other = _save(tmp_path / 'other.pth', MODELS.build(cfg.model))
    proc = _run(['tools/test.py', CFG, other, '--work-dir', str(tmp_path / 'w')], repo_root)
    assert proc.returncode != 0
    assert 'does not fit the model' in proc.stderr and 'cls_head.fc_cls.weight' in proc.stderr
    assert '--non-strict' in proc.stderr
    proc = _run(['tools/test.py', CFG, other, '--work-dir', str(tmp_path / 'w'),
                 '--non-strict'], repo_root)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_older_torch_without_an_allow_list_loads_with_a_warning(monkeypatch):
    # torch < 2.5 has no get/clear_safe_globals: the block still works, with a warning
    monkeypatch.delattr(torch.serialization, 'clear_safe_globals')
    before = list(torch.serialization.get_safe_globals())
    with pytest.warns(UserWarning, match='no weights_only allow-list'):
        with safe_checkpoint_loading():
            pass
    assert set(torch.serialization.get_safe_globals()) == set(before)


def test_the_block_restores_torch_and_mmengine_state_even_on_errors():
    from mmdebias.utils import mmengine_safe_globals
    before = list(torch.serialization.get_safe_globals())
    loader = CheckpointLoader._schemes['']
    assert not set(mmengine_safe_globals()) & set(before)  # the import added nothing
    with pytest.raises(KeyError):
        with safe_checkpoint_loading():
            with safe_checkpoint_loading():  # nested
                assert set(mmengine_safe_globals()) <= set(
                    torch.serialization.get_safe_globals())
                assert CheckpointLoader._schemes[''] is not loader
            assert set(mmengine_safe_globals()) <= set(torch.serialization.get_safe_globals())
            raise KeyError('boom')
    assert set(torch.serialization.get_safe_globals()) == set(before)
    assert CheckpointLoader._schemes[''] is loader
