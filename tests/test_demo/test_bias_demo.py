"""The MotionShapes demo (README command 1) end to end on a tiny benchmark: every method's
config pre-trains / fine-tunes through mmengine's Runner and is scored by StaticBiasMetric."""
import json
import math
import os.path as osp

import pytest

from mmdebias.datasets.synthetic import generate_motion_shapes
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
@pytest.mark.parametrize('method', ['baseline', 'albar', 'sdn', 'sdn-full', 'smad'])
def test_method_fine_tunes_and_reports_bias_metrics(pretrained, method):
    demo, data, out, checkpoint = pretrained
    metrics = demo.finetune_and_test(method, 0, data, out, checkpoint, TINY)
    for key, _, _ in demo.ROWS:
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
    table = demo.format_table(summary, 2)
    assert '75.0 ± 25.0' in table and 'SCUBA top-1' in table and 'SCUFO' not in table


@pytest.mark.slow
def test_reuse_finds_the_finished_pretraining(pretrained, tmp_path):
    demo, _, out, checkpoint = pretrained
    assert osp.samefile(demo.existing_pretrain(0, out), checkpoint)
    assert demo.existing_pretrain(1, out) is None  # another seed was never pre-trained
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
    header = demo.format_table(summary, 1).splitlines()[0]
    assert header.split()[-2:] == ['baseline', 'sdn-full']


def test_step_cost_is_relative_to_the_baseline_of_the_same_seed():
    demo = _load_demo()
    summary = demo.summarise({'baseline': [{'step_time': 0.1}, {'step_time': 0.2}],
                              'poe': [{'step_time': 0.12}, {'step_time': 0.26}]})
    assert summary['poe']['step_cost'][0] == pytest.approx(1.25)
    assert '1.25 ±' in demo.format_table(summary, 2)


@pytest.fixture(scope='module')
def hard_data(tmp_path_factory):
    data = str(tmp_path_factory.mktemp('motion_shapes_hard'))
    generate_motion_shapes(data, seed=0, num_train_per_class=2, num_test_per_class=2,
                           bias=0.95, preset='hard')
    return data


@pytest.mark.slow
@pytest.mark.parametrize('method', ['baseline', 'control', 'poe', 'lff', 'oracle'])
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
