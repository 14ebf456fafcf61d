"""ALBAR through tools/train.py, single process and two-process DDP (torchrun, gloo)."""
import os
import os.path as osp
import subprocess
import sys

CFG = 'configs/albar/albar_tsn-r18_tiny_videos.py'


def _run(cmd, cwd, timeout=600):
    env = dict(os.environ, PYTHONUNBUFFERED='1', OMP_NUM_THREADS='1')
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def test_tools_train_runs_albar_with_gradient_penalty(repo_root, tmp_path):
    log = _run([sys.executable, 'tools/train.py', CFG, '--work-dir', str(tmp_path),
                '--no-validate', '--cfg-options', 'train_cfg.max_epochs=2',
                'param_scheduler.0.end=2', 'default_hooks.logger.interval=1'], repo_root)
    for key in ('loss_cls', 'loss_static_ce', 'loss_static_entropy', 'static_top1_acc'):
        assert key in log, key
    # interval=2: the penalty is in the loss of iterations 0 and 2 (weight 20), not 1 and 3
    gp_lines = [line for line in log.splitlines() if 'Epoch(train)' in line]
    assert len(gp_lines) == 4
    assert ['loss_static_gp' in line for line in gp_lines] == [True, False, True, False]
    assert osp.exists(tmp_path / 'epoch_2.pth')


def test_two_process_ddp_with_launcher_pytorch(repo_root, tmp_path):
    log = _run([sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node=2',
                '--master_port=29531', 'tools/train.py', CFG, '--launcher', 'pytorch',
                '--work-dir', str(tmp_path), '--no-validate', '--cfg-options',
                'env_cfg.dist_cfg.backend=gloo', 'train_cfg.max_epochs=2',
                'param_scheduler.0.end=2', 'default_hooks.logger.interval=1',
                'model_wrapper_cfg.type=MMDistributedDataParallel',
                'model_wrapper_cfg.find_unused_parameters=False'], repo_root)
    assert 'Distributed launcher: pytorch' in log or 'distributed: True' in log
    assert 'loss_static_gp' in log
    assert osp.exists(tmp_path / 'epoch_2.pth')
