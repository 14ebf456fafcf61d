"""tools/train.py and tools/test.py on the tiny real-video config, as a user runs them."""
import json
import os.path as osp

import pytest

from tests.scripts import run_python

pytestmark = pytest.mark.slow  # tools/train.py and tools/test.py in subprocesses


def test_train_resume_and_test_tiny_tsn(repo_root, tmp_path):
    cfg = 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'
    work = str(tmp_path / 'work')
    opts = ['--cfg-options', 'train_cfg.max_epochs=2', 'train_cfg.val_interval=1',
            'param_scheduler.0.end=2', 'param_scheduler.0.milestones=[1]']
    run_python(['tools/train.py', cfg, '--work-dir', work, '--seed', '0'] + opts, repo_root)
    assert osp.exists(osp.join(work, 'epoch_2.pth'))
    # resume (needs the weights_only default handled by mmdebias) and train one more epoch
    log = run_python(['tools/train.py', cfg, '--work-dir', work, '--resume', '--cfg-options',
                'train_cfg.max_epochs=3', 'train_cfg.val_interval=1'], repo_root)
    assert 'resumed epoch: 2' in log, log[-2000:]
    assert osp.exists(osp.join(work, 'epoch_3.pth'))
    out = str(tmp_path / 'metrics.json')
    log = run_python(['tools/test.py', cfg, osp.join(work, 'epoch_3.pth'), '--work-dir', work,
                '--out', out], repo_root)
    with open(out) as f:
        metrics = json.load(f)
    assert 0.0 <= metrics['acc/top1'] <= 1.0
    assert 'acc/top1' in log
