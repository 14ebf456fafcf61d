"""Transfer end to end on tiny data: a debiasing checkpoint (ALBAR, one epoch through
mmengine's Runner) -> stock export -> strict load into the stock config (mmengine's
load_checkpoint and the Runner's load_from) -> linear probe of the frozen backbone -> one
epoch of fine-tuning with a fresh head through tools/train.py and the transfer config."""
import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config
from mmengine.runner import Runner, load_checkpoint

from mmdebias.utils import safe_checkpoint_loading
from tests.scripts import load_script, run_python

ALBAR = 'configs/albar/albar_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'
STOCK = 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'
TRANSFER = 'configs/transfer/tsn-r18_debiased-pre_tiny-videos.py'
pytestmark = pytest.mark.slow  # tools/train.py in subprocesses


def test_export_load_probe_finetune(repo_root, tmp_path, monkeypatch):
    # 1. the debiasing checkpoint: one epoch of ALBAR (static pass, gradient penalty)
    cfg = Config.fromfile(osp.join(repo_root, ALBAR))
    cfg.merge_from_dict({'work_dir': str(tmp_path / 'albar'), 'train_cfg.max_epochs': 1,
                         'param_scheduler.0.end': 1, 'log_level': 'WARNING'})
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.train_cfg.pop('val_interval')
    cfg.train_cfg.pop('val_begin')
    monkeypatch.chdir(repo_root)  # (the tiny-video lists are relative to the repository)
    Runner.from_cfg(cfg).train()
    source = str(tmp_path / 'albar' / 'epoch_1.pth')
    with safe_checkpoint_loading():  # (an mmengine checkpoint: HistoryBuffer, numpy)
        trained = torch.load(source, weights_only=True)['state_dict']

    # 2. export: the whole stock recognizer, and the backbone alone for transfer
    export = load_script('tools/model_converters/export_stock_checkpoint.py')
    full, backbone = str(tmp_path / 'stock.pth'), str(tmp_path / 'backbone.pth')
    export.main([osp.join(repo_root, ALBAR), source, full])
    export.main([osp.join(repo_root, ALBAR), source, backbone, '--drop-head'])

    # 3. the stock config loads the full export strictly, with its own head
    stock_cfg = Config.fromfile(osp.join(repo_root, STOCK))
    stock = MODELS.build(stock_cfg.model)
    load_checkpoint(stock, full, map_location='cpu', strict=True)
    for key, value in stock.state_dict().items():
        assert torch.equal(value, trained[key]), key
    # ... and as the Runner's load_from (what a stock config's `load_from = ...` does)
    stock_cfg.merge_from_dict(dict(work_dir=str(tmp_path / 'runner'), load_from=full))
    runner = Runner.from_cfg(stock_cfg)
    runner.load_or_resume()
    assert torch.equal(runner.model.cls_head.fc_cls.weight, trained['cls_head.fc_cls.weight'])

    # 4. linear probe of the frozen exported backbone (no head in the file) on the videos
    probe = load_script('tools/analysis/linear_probe.py')
    result = probe.main([osp.join(repo_root, STOCK), backbone, '--batch-size', '4'])
    (split, ) = result['splits']
    assert (split['num_train'], split['num_test'], result['feature_dim']) == (4, 4, 512)
    assert split['top1'] in (0.0, 0.25, 0.5, 0.75, 1.0)

    # 5. one epoch of fine-tuning from the export, 3-class head freshly initialised
    monkeypatch.setenv('MMDEBIAS_TRANSFER_CHECKPOINT', backbone)
    log = run_python(['tools/train.py', TRANSFER, '--work-dir', str(tmp_path / 'ft')],
                     repo_root)
    assert f'Load checkpoint from {backbone}' in log
    assert 'missing keys in source state_dict: cls_head.fc_cls.weight, cls_head.fc_cls.bias' \
        in log
    assert 'Epoch(val) [1]' in log
    tuned = torch.load(str(tmp_path / 'ft' / 'epoch_1.pth'), weights_only=False)['state_dict']
    assert tuned['cls_head.fc_cls.weight'].shape == (3, 512)
    # the backbone started from the export: two SGD steps moved it a little, while an
    # independently initialised ResNet-18 is far away
    key = 'backbone.conv1.conv.weight'
    fresh = MODELS.build(Config.fromfile(osp.join(repo_root, TRANSFER)).model)
    fresh.init_weights()
    moved = (tuned[key] - trained[key]).norm()
    assert moved < 0.1 * (fresh.state_dict()[key] - trained[key]).norm()
