"""SDN through tools/train.py on the real test videos, as two-process DDP (torchrun, gloo).

The scene-label file and the person-detection cache are written here (made-up labels,
hand-written boxes). Two ranks x 2 iterations with MMDistributedDataParallel(
find_unused_parameters=False): a parameter without gradient in the first step would make
the second step fail, so this also checks that every SDN loss reaches every parameter.
"""
import os
import os.path as osp
import subprocess
import sys

import numpy as np
import pytest

from mmdebias.datasets.detection_cache import cache_path, save_detections
from mmdebias.datasets.pseudo_labels import save_pseudo_labels, video_key

CFG = 'configs/sdn/sdn_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'
VIDEOS = {'test.mp4': (300, 256, 340), 'demo.mp4': (280, 256, 340),
          'test.avi': (164, 240, 320), 'part_0.mp4': (32, 256, 340)}
pytestmark = pytest.mark.slow  # torchrun + tools/train.py in subprocesses


def _side_files(tmp_path, data_root):
    rng = np.random.default_rng(0)
    probs = rng.dirichlet(np.ones(5), size=len(VIDEOS))
    keys = [video_key(osp.join(data_root, v), data_root) for v in VIDEOS]
    labels = str(tmp_path / 'scene_labels.npz')
    save_pseudo_labels(labels, keys, probs)
    cache = str(tmp_path / 'dets')
    for name, (n, h, w) in VIDEOS.items():
        frames = np.arange(0, n, 2)  # detector stride 2
        boxes = np.tile([[w * 0.3, h * 0.2, w * 0.6, h * 0.9]], (len(frames), 1))
        save_detections(cache_path(osp.join(data_root, name), cache, data_root), frames,
                        boxes, np.full(len(frames), 0.9), frames, (h, w))
    return labels, cache


def test_sdn_two_process_ddp_through_tools_train(repo_root, tmp_path, free_port):
    data_root = osp.join(repo_root, 'tests', 'data', 'videos')
    labels, cache = _side_files(tmp_path, data_root)
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node=2',
           f'--master_port={free_port}', 'tools/train.py', CFG, '--launcher', 'pytorch',
           '--work-dir', str(tmp_path / 'work'), '--no-validate', '--cfg-options',
           'train_cfg.max_epochs=2', 'param_scheduler.0.end=2',
           'default_hooks.logger.interval=1',
           f'train_dataloader.dataset.pipeline.1.label_file={labels}',
           f'train_dataloader.dataset.pipeline.4.cache_root={cache}']
    env = dict(os.environ, PYTHONUNBUFFERED='1', OMP_NUM_THREADS='1')
    proc = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True, text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    assert 'Distributed training: True' in log and 'GPU number: 2' in log
    train_lines = [line for line in log.splitlines() if 'Epoch(train)' in line]
    assert any('[2][1/1]' in line for line in train_lines)
    for key in ('loss_cls', 'loss_scene', 'scene_acc', 'loss_mask_entropy'):
        assert key in train_lines[0], (key, train_lines[0])
    assert osp.exists(tmp_path / 'work' / 'epoch_2.pth')
