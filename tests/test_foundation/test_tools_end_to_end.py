"""tools/train.py and tools/test.py on the tiny real-video config, as a user runs them."""
import json
import os
import os.path as osp
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # tools/train.py and tools/test.py in subprocesses


def _run(args, cwd, timeout=600):
    env = dict(os.environ, PYTHONUNBUFFERED='1')
    proc = subprocess.run([sys.executable] + args, cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr


def test_train_resume_and_test_tiny_tsn(repo_root, tmp_path):
    cfg = 'configs/baseline/tsn_r18_tiny_videos.py'
    work = str(tmp_path / 'work')
    opts = ['--cfg-options', 'train_cfg.max_epochs=2', 'train_cfg.val_interval=1',
            'param_scheduler.0.end=2', 'param_scheduler.0.milestones=[1]']
    _run(['tools/train.py', cfg, '--work-dir', work, '--seed', '0'] + opts, repo_root)
    assert osp.exists(osp.join(work, 'epoch_2.pth'))
    # resume (needs the weights_only default handled by mmdebias) and train one more epoch
    log = _run(['tools/train.py', cfg, '--work-dir', work, '--resume', '--cfg-options',
                'train_cfg.max_epochs=3', 'train_cfg.val_interval=1'], repo_root)
    assert 'resumed epoch: 2' in log, log[-2000:]
    assert osp.exists(osp.join(work, 'epoch_3.pth'))
    out = str(tmp_path / 'metrics.json')
    log = _run(['tools/test.py', cfg, osp.join(work, 'epoch_3.pth'), '--work-dir', work,
                '--out', out], repo_root)
    with open(out) as f:
        metrics = json.load(f)
    assert 0.0 <= metrics['acc/top1'] <= 1.0
    assert 'acc/top1' in log
