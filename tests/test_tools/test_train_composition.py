"""ALBAR + SDN's mask confusion loss + SDN's scene adversary in one model, trained through the
project's tools/train.py on a tiny generated MotionShapes set.

Runs under torchrun as one-process DDP (gloo) with MMDistributedDataParallel(
find_unused_parameters=False): a parameter that gets no gradient in a step makes the next
step fail, so four steps that pass show every parameter receives a gradient from the three
methods' losses together.
"""
import math
import os
import os.path as osp
import re
import subprocess
import sys

import pytest

from mmdebias.preparation.synthetic import generate_motion_shapes

CFG = 'demo/demo_configs/composition/albar-maskconf-scene_r3d18_tiny_motion_shapes.py'
pytestmark = pytest.mark.slow  # torchrun + tools/train.py in a subprocess


def test_albar_mask_confusion_and_scene_adversary_train_together(repo_root, tmp_path,
                                                                free_port):
    data = str(tmp_path / 'motion_shapes')
    generate_motion_shapes(data, seed=0, num_train_per_class=2, num_test_per_class=1)
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node=1',
           f'--master_port={free_port}', 'tools/train.py', CFG, '--launcher', 'pytorch',
           '--work-dir', str(tmp_path / 'work'), '--no-validate', '--cfg-options',
           'load_from=None', 'train_cfg.max_epochs=1', 'train_dataloader.batch_size=2',
           'train_dataloader.num_workers=0', 'default_hooks.logger.interval=1',
           'model_wrapper_cfg.type=MMDistributedDataParallel',
           'model_wrapper_cfg.find_unused_parameters=False']
    env = dict(os.environ, PYTHONUNBUFFERED='1', OMP_NUM_THREADS='1',
               MMDEBIAS_MOTION_SHAPES=data)
    proc = subprocess.run(cmd, cwd=repo_root, env=env, capture_output=True, text=True,
                          timeout=600)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-4000:]
    assert 'Distributed training: True' in log
    steps = [line for line in log.splitlines() if 'Epoch(train)' in line]
    assert len(steps) == 4, steps  # 4 classes x 2 clips, batch 2: four DDP steps
    for line in steps:
        values = dict(re.findall(r'(\w+): (\S+)', line))
        for key in ('loss_cls', 'loss_static_ce', 'loss_static_entropy', 'loss_static_gp',
                    'loss_mask_entropy', 'loss_scene'):
            assert key in values, (key, line)
            assert math.isfinite(float(values[key])), (key, line)
    assert osp.exists(tmp_path / 'work' / 'epoch_1.pth')
