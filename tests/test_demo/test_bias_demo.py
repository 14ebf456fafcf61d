"""The MotionShapes demo (README command 1) end to end on a tiny benchmark: every method's
config pre-trains / fine-tunes through mmengine's Runner and is scored by StaticBiasMetric."""
import json
import math
import os
import os.path as osp

import numpy as np
import pytest

from mmdebias.preparation.synthetic import generate_motion_shapes
from mmdebias.evaluation import format_summary_table
from tests.scripts import REPO_ROOT, load_script

TINY = {'train_cfg.max_epochs': 1, 'train_dataloader.batch_size': 4,
        'train_dataloader.num_workers': 0, 'train_dataloader.persistent_workers': False,
        'test_dataloader.num_workers': 0}


def _load_demo():
    return load_script('demo/bias_demo.py')


@pytest.fixture(scope='module')
def pretrained(tmp_path_factory):
    demo = _load_demo()
    data = str(tmp_path_factory.mktemp('motion_shapes'))
    out = str(tmp_path_factory.mktemp('demo'))
    generate_motion_shapes(data, seed=0, num_train_per_class=2, num_test_per_class=2)
    checkpoint = demo.pretrain(0, data, out, TINY)
    assert osp.isfile(checkpoint)
    return demo, data, out, checkpoint


@pytest.mark.slow
@pytest.mark.parametrize('method', ['baseline', 'control', 'albar', 'sdn', 'sdn-full', 'smad'])
def test_method_fine_tunes_and_reports_bias_metrics(pretrained, method):
    demo, data, out, checkpoint = pretrained
    metrics = demo.finetune_and_test(method, 0, data, out, checkpoint, TINY)
    for key, *_ in demo.ROWS:
        if key != 'step_cost':  # (relative to the baseline: made by summarise)
            assert key in metrics and math.isfinite(metrics[key]), key
    assert metrics['step_time'] > 0
    saved = json.load(open(osp.join(out, f'{method}_seed0', 'bias_metrics.json')))
    assert saved == pytest.approx(metrics)


def test_every_motion_shapes_method_config_exists():
    demo = _load_demo()
    for config in [demo.PRETRAIN, *demo.METHODS.values()]:
        assert osp.isfile(osp.join(REPO_ROOT, config)), config


def test_summary_and_table():
    demo = _load_demo()
    runs = {'baseline': [{'bias/original_top1': 0.5, 'bias/scuba_top1': 0.25},
                         {'bias/original_top1': 1.0, 'bias/scuba_top1': 0.75}]}
    summary = demo.summarise(runs)
    assert summary['baseline']['bias/original_top1'] == pytest.approx((0.75, 0.25))
    table = format_summary_table(summary, demo.ROWS, 2)
    assert '75.0 ± 25.0' in table and 'SCUBA top-1 ↑' in table and 'SCUFO' not in table


@pytest.mark.slow
def test_reuse_finds_the_finished_pretraining(pretrained, tmp_path):
    demo, _, out, checkpoint = pretrained
    assert osp.samefile(demo.existing_pretrain(0, out), checkpoint)
    assert demo.existing_pretrain(1, out) is None  # another seed was never pre-trained
    assert demo.existing_pretrain(0, str(tmp_path)) is None
    # a recorded checkpoint that was deleted since is not offered for reuse
    stale = tmp_path / 'pretrain_seed0'
    stale.mkdir()
    (stale / 'last_checkpoint').write_text(str(tmp_path / 'gone' / 'epoch_6.pth'))
    assert demo.existing_pretrain(0, str(tmp_path)) is None


@pytest.mark.slow
def test_test_only_rescores_the_fine_tuned_model(pretrained, tmp_path):
    demo, data, _, checkpoint = pretrained
    out = str(tmp_path)
    with pytest.raises(FileNotFoundError, match='no fine-tuned baseline model of seed 0'):
        demo.finetune_and_test('baseline', 0, data, out, checkpoint, TINY, test_only=True)
    trained = demo.finetune_and_test('baseline', 0, data, out, checkpoint, TINY)
    rescored = demo.finetune_and_test('baseline', 0, data, out, checkpoint, TINY,
                                      test_only=True)
    trained.pop('step_time')
    assert rescored == pytest.approx(trained)


def test_table_columns_stay_apart_for_long_method_names():
    demo = _load_demo()
    summary = demo.summarise({'baseline': [{'bias/scuba_top1': 0.5}],
                              'sdn-full': [{'bias/scuba_top1': 0.75}]})
    header = format_summary_table(summary, demo.ROWS, 1).splitlines()[0]
    assert header.split()[-2:] == ['baseline', 'sdn-full']


def test_step_cost_is_relative_to_the_baseline_of_the_same_seed():
    demo = _load_demo()
    summary = demo.summarise({'baseline': [{'step_time': 0.1}, {'step_time': 0.2}],
                              'poe': [{'step_time': 0.12}, {'step_time': 0.26}]})
    assert summary['poe']['step_cost'][0] == pytest.approx(1.25)
    assert '1.25 ±' in format_summary_table(summary, demo.ROWS, 2)
    # the control trains on its own list: no step cost without a baseline of the same seed
    assert 'step_cost' not in demo.summarise({'control': [{'step_time': 0.1}]})['control']


def _paths(node):
    """Every string value under ``node`` that looks like a path."""
    if isinstance(node, dict):
        return [p for value in node.values() for p in _paths(value)]
    if isinstance(node, (list, tuple)):
        return [p for value in node for p in _paths(value)]
    return [node] if isinstance(node, str) and '/' in node else []


@pytest.mark.parametrize('preset', ['easy', 'hard', 'transfer'])
def test_configs_take_the_benchmark_folder_from_the_environment(preset, monkeypatch):
    """Every file a method config reads (lists, aspect labels, actor boxes, sample weights,
    frame bank) is under the folder given to load_config, through the configs' own
    '{{$MMDEBIAS_MOTION_SHAPES...}}' data_root; the environment is left as it was."""
    demo = _load_demo()
    monkeypatch.delenv('MMDEBIAS_MOTION_SHAPES', raising=False)
    monkeypatch.setenv('MMDEBIAS_MOTION_SHAPES_HARD', 'left/alone')
    table = dict(hard=demo.METHODS_HARD,
                 transfer={'source': demo.SOURCE, **demo.METHODS_TRANSFER}).get(
                     preset, {'pretrain': demo.PRETRAIN, **demo.METHODS})
    default = demo.DATA_ROOTS[preset]
    for method, config in table.items():
        cfg = demo.load_config(config, '/elsewhere/bench')
        used = _paths([cfg.train_dataloader.dataset, cfg.test_dataloader.dataset,
                       cfg.model.data_preprocessor.get('blending') or {}])
        files = [p for p in used if p != '/elsewhere/bench' and
                 not p.startswith('/elsewhere/bench/')]
        assert files == [] and any(p.endswith('train.txt') for p in used), (method, files)
        assert default not in cfg.pretty_text, method
    assert 'MMDEBIAS_MOTION_SHAPES' not in os.environ
    assert os.environ['MMDEBIAS_MOTION_SHAPES_HARD'] == 'left/alone'
    # without the variable the configs read the default folder (tools/train.py's case); the
    # transfer rows are the hard preset's methods and read its variable (their README and
    # the demo point it at the transfer target, drawn with the transfer camera)
    from mmengine.config import Config
    monkeypatch.delenv('MMDEBIAS_MOTION_SHAPES_HARD')
    cfg = Config.fromfile(osp.join(REPO_ROOT, table['control']))
    default = demo.DATA_ROOTS['hard' if preset == 'transfer' else preset]
    assert cfg.train_dataloader.dataset.ann_file == f'{default}/control_train.txt'


@pytest.mark.slow
def test_frame_bank_is_built_when_absent(tmp_path):
    """stillmix-bank: the demo builds the bank in the benchmark folder (the 2D reference
    network trained and scoring that folder's training frames), then reuses it."""
    demo = _load_demo()
    data, out = str(tmp_path / 'bench'), str(tmp_path / 'out')
    generate_motion_shapes(data, seed=0, num_train_per_class=2, num_test_per_class=1)
    bank = demo.ensure_frame_bank('easy', data, out)
    assert bank == osp.join(data, 'stillmix_bank.npz')
    with np.load(bank) as stored:
        frames = stored['frames']
    assert frames.ndim == 4 and frames.shape[1:] == (32, 32, 3) and 0 < len(frames) <= 32
    mtime = osp.getmtime(bank)
    assert demo.ensure_frame_bank('easy', data, out) == bank and osp.getmtime(bank) == mtime


@pytest.fixture(scope='module')
def hard_data(tmp_path_factory):
    data = str(tmp_path_factory.mktemp('motion_shapes_hard'))
    generate_motion_shapes(data, seed=0, num_train_per_class=2, num_test_per_class=2,
                           bias=0.95, preset='hard')
    return data


@pytest.mark.slow
@pytest.mark.parametrize('method', ['baseline', 'control', 'poe', 'lff', 'oracle', 'sdn-full'])
def test_hard_preset_method_trains_from_scratch(hard_data, tmp_path, method):
    demo = _load_demo()
    metrics = demo.finetune_and_test(method, 0, hard_data, str(tmp_path), None, TINY,
                                     config=demo.METHODS_HARD[method])
    for key in ('bias/original_top1', 'bias/scuba_top1', 'bias/conflbg_top1'):
        assert 0 <= metrics[key] <= 1, key


def test_every_hard_preset_config_exists():
    demo = _load_demo()
    for config in demo.METHODS_HARD.values():
        assert osp.isfile(osp.join(REPO_ROOT, config)), config


@pytest.mark.slow
def test_hard_preset_fine_tuning_starts_from_the_plain_model(hard_data, tmp_path, capfd):
    demo = _load_demo()
    checkpoint = demo.pretrain(0, hard_data, str(tmp_path), TINY,
                               config=demo.METHODS_HARD['baseline'])
    assert osp.isfile(checkpoint) and 'pretrain_seed0' in checkpoint
    assert demo.existing_pretrain(0, str(tmp_path)) == checkpoint
    metrics = demo.finetune_and_test('albar-ft', 0, hard_data, str(tmp_path), checkpoint,
                                     TINY, config=demo.METHODS_HARD['albar-ft'])
    for key in ('bias/original_top1', 'bias/scuba_top1', 'bias/conflbg_top1'):
        assert 0 <= metrics[key] <= 1, key
    # mmengine's checkpoint loader reports the file it loads
    out = capfd.readouterr()
    assert f'from path: {checkpoint}' in out.out + out.err


def _schedule(cfg):
    return (cfg.train_cfg.max_epochs, cfg.optim_wrapper.optimizer.to_dict(),
            [dict(p) for p in cfg.param_scheduler], cfg.load_from)


def test_transfer_rows_share_start_and_schedule_and_keep_the_methods_settings():
    """Every transfer row fine-tunes the same source backbone for the same 6 epochs (AdamW
    1e-4; the linear probe with every backbone stage frozen) and has the model of the hard
    preset's config of the same method (the method's settings come from there)."""
    demo = _load_demo()
    data = demo.DATA_ROOTS['transfer']
    base = demo.load_config(demo.METHODS_TRANSFER['baseline'], data)
    epochs, optimizer, scheduler, load_from = _schedule(base)
    assert (epochs, optimizer['type'], optimizer['lr']) == (6, 'AdamW', 1e-4)
    assert load_from.endswith('source_backbone.pth')
    for method, config in demo.METHODS_TRANSFER.items():
        cfg = demo.load_config(config, data)
        if method == 'linear-probe':
            assert _schedule(cfg) == _schedule(base)
            assert cfg.model.backbone.frozen_stages == 4
            continue
        hard = demo.load_config(demo.METHODS_HARD[method.replace('-rewarm', '')], data)
        if method.endswith('-rewarm'):  # the same start, the from-scratch schedule
            assert cfg.load_from == load_from, method
            assert _schedule(cfg)[:3] == _schedule(hard)[:3], method
            assert cfg.optim_wrapper.optimizer.type == 'SGD', method
        else:
            assert _schedule(cfg) == _schedule(base), method
        assert cfg.model == hard.model, method
        assert cfg.get('custom_hooks') == hard.get('custom_hooks'), method
        assert cfg.train_dataloader == hard.train_dataloader, method


def test_repair_rows_start_from_the_plain_model_with_six_epochs():
    demo = _load_demo()
    data = demo.DATA_ROOTS['hard']
    repair = {m: c for m, c in demo.METHODS_HARD.items() if m.startswith('repair-')}
    assert len(repair) >= 10 and all(m.endswith('-ft') for m in repair)  # (from the plain model)
    base = demo.load_config(repair['repair-baseline-ft'], data)
    for method, config in repair.items():
        cfg = demo.load_config(config, data)
        assert cfg.train_cfg.max_epochs == (3 if 'sgd3' in method else 6), method
        if not any(key in method for key in ('lr1e-3', 'layerlr', 'sgd')):
            assert _schedule(cfg) == _schedule(base), method
    sgd = demo.load_config(repair['repair-staticswap-recolour-sgd-ft'], data)
    assert sgd.optim_wrapper.optimizer.type == 'SGD' and sgd.optim_wrapper.optimizer.lr == 0.05
    layer4 = demo.load_config(repair['repair-staticswap-recolour-layer4-ft'], data)
    assert layer4.custom_hooks == [dict(type='ReinitModulesHook',
                                        modules=['backbone.layer4', 'cls_head'])]


def test_backbone_checkpoint_keeps_only_the_backbone(tmp_path):
    import torch
    demo = _load_demo()
    src = str(tmp_path / 'full.pth')
    torch.save(dict(state_dict={'backbone.conv1.weight': torch.ones(2),
                                'cls_head.fc_cls.weight': torch.ones(3)}, meta={}), src)
    out = demo.backbone_checkpoint(src, str(tmp_path / 'sub' / 'backbone.pth'))
    state = torch.load(out, weights_only=False)
    assert list(state['state_dict']) == ['backbone.conv1.weight']
    torch.save(dict(state_dict={'cls_head.fc_cls.weight': torch.ones(3)}), src)
    with pytest.raises(ValueError, match='no backbone'):
        demo.backbone_checkpoint(src, out)


@pytest.mark.slow
def test_transfer_preset_fine_tunes_the_source_backbone_with_a_fresh_head(hard_data, tmp_path,
                                                                          capfd):
    """The source model is trained once (its top-1 on held-out source clips reported), its
    backbone saved alone; a transfer row loads it (the classifier stays as built) and is
    scored on the target's bias protocols; a second call reuses the source model."""
    import torch
    from mmdebias.preparation.synthetic import generate_motion_shapes_source
    demo = _load_demo()
    source_root, out = str(tmp_path / 'source'), str(tmp_path / 'out')
    generate_motion_shapes_source(source_root, num_train_per_class=1, num_val_per_class=1)
    backbone, metrics = demo.source_pretrain(source_root, out, 0, TINY)
    assert 0 <= metrics['acc/top1'] <= 1
    assert all(k.startswith('backbone.') for k in torch.load(
        backbone, weights_only=False)['state_dict'])
    assert demo.source_pretrain(source_root, out, 0, TINY) == (backbone, metrics)  # reused
    result = demo.finetune_and_test('albar', 0, hard_data, out, backbone, TINY,
                                    config=demo.METHODS_TRANSFER['albar'])
    assert 0 <= result['bias/scuba_top1'] <= 1
    log = capfd.readouterr()
    log = log.out + log.err
    assert f'from path: {backbone}' in log and 'missing keys in source state_dict' in log


@pytest.mark.slow
def test_repair_reinitialises_the_named_parts_of_the_plain_model(hard_data, tmp_path, capfd):
    demo = _load_demo()
    checkpoint = demo.pretrain(0, hard_data, str(tmp_path), TINY,
                               config=demo.METHODS_HARD['baseline'])
    method = 'repair-staticswap-recolour-layer4-ft'
    metrics = demo.finetune_and_test(method, 0, hard_data, str(tmp_path), checkpoint, TINY,
                                     config=demo.METHODS_HARD[method])
    assert 0 <= metrics['bias/conflbg_top1'] <= 1
    log = capfd.readouterr()
    assert 'ReinitModulesHook: re-initialised backbone.layer4' in log.out + log.err
