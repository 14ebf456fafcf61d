"""Importing mmdebias and training an ALBAR + SDN model changes nothing process-wide.

A fresh interpreter records torch's global module hooks, its ``weights_only`` allow-list,
mmengine's checkpoint loaders, mmengine's ``MODULE2PACKAGE`` table and ``sys.meta_path``,
then imports mmdebias, builds the composition config (ALBAR + SDN's mask confusion loss +
SDN's scene adversary, ``DebiasRecognizer3D``) and trains it for an epoch through mmengine's
Runner, and compares. The only differences allowed are the package's own ``MODULE2PACKAGE``
entry (mmengine's table of packages whose configs ``pkg::`` paths may name) and entries that
torch adds to its own allow-list when it lazily imports its compiler.
"""
import os.path as osp
import sys

from mmdebias.preparation.synthetic import generate_motion_shapes
from tests.scripts import run_python

CFG = 'demo/demo_configs/composition/albar-maskconf-scene_r3d18_tiny_motion_shapes.py'

SCRIPT = r'''
import sys
import torch
import torch.nn.modules.module as M
from mmengine.config import Config, utils as config_utils
from mmengine.runner.checkpoint import CheckpointLoader

HOOKS = [name for name in dir(M) if name.startswith('_global_') and name.endswith('hooks')]


def snapshot():
    return dict(
        hooks={name: dict(getattr(M, name)) for name in HOOKS},
        safe_globals=set(map(repr, torch.serialization.get_safe_globals())),
        loaders=dict(CheckpointLoader._schemes),
        module2package=dict(config_utils.MODULE2PACKAGE),
        meta_path=list(sys.meta_path))


assert HOOKS, 'torch has no global module hook tables to check'
import mmaction.models  # noqa: F401  (the stack a user has imported before mmdebias)
import mmengine.runner  # noqa: F401
before = snapshot()
import mmdebias  # noqa: F401
from mmengine.runner import Runner
cfg = Config.fromfile(sys.argv[1])
cfg.work_dir = sys.argv[2]
cfg.load_from = None
cfg.train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=1, val_interval=100)
cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
cfg.train_dataloader.batch_size = 2
cfg.train_dataloader.num_workers = 0
cfg.train_dataloader.persistent_workers = False
cfg.default_hooks.checkpoint = dict(type='CheckpointHook', interval=1)
cfg.log_level = 'WARNING'
runner = Runner.from_cfg(cfg)
runner.train()
assert type(runner.model).__name__ == 'DebiasRecognizer3D'
after = snapshot()
extra = set(after['module2package']) - set(before['module2package'])
assert extra == {'mmdebias'} and after['module2package']['mmdebias'] == 'mmdebias', extra
after['module2package'].pop('mmdebias')
# torch adds its own entries when it lazily imports its compiler; none may be mmdebias's
added = after.pop('safe_globals') - before.pop('safe_globals')
assert not [r for r in added if any(word in r for word in (
    'mmengine', 'numpy', 'history_buffer', 'mmdebias'))], added
for key in before:
    assert before[key] == after[key], (key, before[key], after[key])
print('PROCESS STATE UNCHANGED', runner.iter)
'''


def test_import_build_and_train_change_no_process_wide_state(repo_root, tmp_path):
    data = str(tmp_path / 'motion_shapes')
    generate_motion_shapes(data, seed=0, num_train_per_class=1, num_test_per_class=1)
    script = tmp_path / 'state.py'
    script.write_text(SCRIPT)
    import os
    os.environ['MMDEBIAS_MOTION_SHAPES'] = data
    try:
        out = run_python([str(script), CFG, str(tmp_path / 'work')], cwd=repo_root)
    finally:
        os.environ.pop('MMDEBIAS_MOTION_SHAPES')
    assert 'PROCESS STATE UNCHANGED 2' in out, out[-2000:]
    assert osp.isfile(tmp_path / 'work' / 'epoch_1.pth')
    assert 'mmdebias' not in sys.modules['mmengine.config.utils'].__name__
