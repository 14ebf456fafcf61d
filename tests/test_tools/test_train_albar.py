"""ALBAR through tools/train.py, single process and two-process DDP (torchrun, gloo)."""
import os.path as osp

import pytest

from tests.scripts import run_python

CFG = 'configs/albar/albar_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'
pytestmark = pytest.mark.slow  # tools/train.py in subprocesses


def test_tools_train_runs_albar_with_gradient_penalty(repo_root, tmp_path):
    log = run_python(['tools/train.py', CFG, '--work-dir', str(tmp_path),
                '--no-validate', '--cfg-options', 'train_cfg.max_epochs=2',
                'param_scheduler.0.end=2', 'default_hooks.logger.interval=1'], repo_root)
    train_lines = [line for line in log.splitlines() if 'Epoch(train)' in line]
    assert len(train_lines) == 4  # 2 epochs x 2 iterations, logged every iteration
    for key in ('loss_cls', 'loss_static_ce', 'loss_static_entropy', 'loss_static_gp',
                'static_top1_acc'):
        assert key in train_lines[0], key
    # (the interval schedule itself is checked in tests/test_engine: mmengine's log
    # processor carries a key's last value over iterations where it is absent)
    assert osp.exists(tmp_path / 'epoch_2.pth')


def test_two_process_ddp_with_launcher_pytorch(repo_root, tmp_path, free_port):
    log = run_python(['-m', 'torch.distributed.run', '--nproc_per_node=2',
                f'--master_port={free_port}', 'tools/train.py', CFG, '--launcher', 'pytorch',
                '--work-dir', str(tmp_path), '--no-validate', '--cfg-options',
                'train_cfg.max_epochs=2', 'param_scheduler.0.end=2',
                'default_hooks.logger.interval=1'], repo_root)
    # two ranks, gloo, MMDistributedDataParallel without unused-parameter detection
    assert 'Distributed training: True' in log and 'GPU number: 2' in log  # = world size
    assert 'Epoch(train) [2][1/1]' in log  # 4 videos, batch 2 per rank: 1 iteration/epoch
    assert 'loss_static_gp' in log
    assert osp.exists(tmp_path / 'epoch_2.pth')
