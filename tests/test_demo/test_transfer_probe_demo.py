"""demo/transfer_probe_demo.py on a tiny hard-preset benchmark: export + linear probe of the
models a demo run left (here: random-init checkpoints in the demo's work-dir layout)."""
import json
import os
import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

from mmdebias.preparation.synthetic import generate_motion_shapes
from tests.scripts import REPO_ROOT, load_script


def fake_run(out, method, seed, demo):
    """A finished demo run: a checkpoint, mmengine's last_checkpoint file and the bias
    metrics."""
    work_dir = osp.join(out, f'{method}_seed{seed}')
    cfg = Config.fromfile(osp.join(REPO_ROOT, demo.METHODS_HARD[method]))
    torch.manual_seed(seed)
    model = MODELS.build(cfg.model)
    model.init_weights()
    checkpoint = osp.join(work_dir, 'epoch_6.pth')
    os.makedirs(work_dir)
    torch.save(dict(meta=dict(epoch=6), state_dict=model.state_dict()), checkpoint)
    with open(osp.join(work_dir, 'last_checkpoint'), 'w') as f:
        f.write(checkpoint)
    with open(osp.join(work_dir, 'bias_metrics.json'), 'w') as f:
        json.dump({'bias/scuba_top1': 0.5, 'bias/conflbg_top1': 0.25}, f)


def test_transfer_probe_demo(tmp_path, monkeypatch):
    data, out = str(tmp_path / 'data'), str(tmp_path / 'out')
    generate_motion_shapes(data, seed=0, num_train_per_class=2, num_test_per_class=2,
                           bias=0.95, preset='hard')
    probe_demo = load_script('demo/transfer_probe_demo.py')
    bias_demo = load_script('demo/bias_demo.py')
    for method in ('baseline', 'staticswap-recolour'):
        fake_run(out, method, 0, bias_demo)
    # (the demo sets the benchmark variable and changes into the repository: restored after)
    monkeypatch.setenv('MMDEBIAS_MOTION_SHAPES_HARD', data)
    monkeypatch.chdir(REPO_ROOT)
    summary = probe_demo.main(['--out', out, '--seeds', '0', '--data-root', data,
                               '--num-workers', '0'])
    for method in ('baseline', 'staticswap-recolour'):
        row = summary[method]
        for key in ('probe/scuba_top1', 'probe/conflbg_top1'):
            mean, std = row[key]
            assert 0.0 <= mean <= 1.0 and std == 0.0
        assert row['bias/scuba_top1'] == (0.5, 0.0)  # the run's own head, read back
        # the exported backbone and the probe's JSON: 12 control clips, 12 test clips
        assert osp.isfile(osp.join(out, 'stock', f'{method}_seed0_backbone.pth'))
        probe = json.load(open(osp.join(out, 'stock', f'{method}_seed0_probe.json')))
        assert [(s['num_train'], s['num_test']) for s in probe['splits']] == [(12, 12)] * 2
    saved = json.load(open(osp.join(out, 'transfer_probe.json')))
    assert saved['seeds'] == [0] and set(saved['runs']) == {'baseline', 'staticswap-recolour'}
    with pytest.raises(FileNotFoundError, match='no trained baseline model of seed 1'):
        probe_demo.main(['--out', out, '--seeds', '1', '--data-root', data])
