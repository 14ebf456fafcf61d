"""tools/test.py end to end on the released benchmark layouts: a tiny randomly initialised
TSN saved by the test, the released-benchmark config fragments pointed at fixtures written
in the StillMix (lists + frame folders) and ALBAR (zip / jpg) layouts, and every metric of
the report compared with a transcription of the official scripts applied to the dumped
predictions:

* SCUBA / SCUFO top-1: MMAction2's ``top_k_accuracy`` over the rows of each list (the
  official eval runs mmaction's evaluation on the list, the SCUFO run on the same list);
* contrasted accuracy: StillMix's ``compare_SCUBA_SCUFO_results.py`` -- row ``i`` of the
  SCUBA results and of the SCUFO results, ``count(argmax r1 = y and argmax r2 != y) / N``;
* Confl-FG: StillMix's ``compare_mix_SCUBA_SCUFO_results.py`` -- per row, ``argmax = y_dyn``,
  ``argmax = y_static`` and ``r[y_dyn] > r[y_static]``, each counted over N.

Per list (= background source) and pooled (the same formulas over all lists' rows).
"""
import json
import os.path as osp
import pickle

import numpy as np
import pytest
import torch
from mmaction.evaluation.functional import top_k_accuracy
from mmaction.registry import DATASETS, MODELS
from mmengine.config import Config

from tests.conformance import TSN_R18, recognizer_cfg
from tests.scripts import load_script
from tests.test_datasets.released_layouts import (UCF_VIDEOS, write_albar, write_class_ind,
                                                  write_stillmix_sets)

FRAGMENTS = 'configs/_base_/datasets/released'
SMALL_PIPELINE = '''[
    {init}
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3, test_mode=True),
    dict(type='{decode}'),
    dict(type='Resize', scale=(-1, 32)),
    dict(type='CenterCrop', crop_size=32),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys={meta_keys!r})]'''
CONFIG = '''_base_ = [{fragment!r}]
default_scope = 'mmaction'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
model = {model!r}
test_dataloader = dict(batch_size=4, num_workers=0,
                       dataset=dict(pipeline={pipeline}))
'''


def spread_predictions(net, dataset):
    """Make a random network's predictions vary over the fixture's classes 0-2, without
    looking at a label: a random ResNet maps all frames to features dominated by one common
    direction (its argmax would be one class for every clip). Rows 0-2 of the classifier
    become the top principal directions of the centred features of the test frames, the
    other classes never win."""
    net.eval()
    frames = torch.cat([dataset[i]['inputs'] for i in range(len(dataset))]).float()
    with torch.no_grad():
        mean = torch.tensor([123.675, 116.28, 103.53]).view(1, 3, 1, 1)
        std = torch.tensor([58.395, 57.12, 57.375]).view(1, 3, 1, 1)
        feats = net.backbone((frames - mean) / std).mean(dim=(2, 3))
        centre = feats.mean(0)
        _, _, directions = torch.linalg.svd(feats - centre, full_matrices=False)
        scale = 10 / (feats - centre).std()
        net.cls_head.fc_cls.weight.zero_()
        net.cls_head.fc_cls.weight[:3] = directions[:3] * scale
        net.cls_head.fc_cls.bias.fill_(-1e4)
        net.cls_head.fc_cls.bias[:3] = -(directions[:3] @ centre) * scale


def write_config(tmp_path, repo_root, fragment, num_classes, albar=False):
    model = recognizer_cfg(TSN_R18, cls_head=dict(TSN_R18['cls_head'],
                                                  num_classes=num_classes))
    meta_keys = ('video_id', 'pair_id', 'protocol', 'background', 'static_label')
    pipeline = SMALL_PIPELINE.format(
        init="dict(type='ZipFrameInit')," if albar else '',
        decode='ZipFrameDecode' if albar else 'RawFrameDecode', meta_keys=meta_keys)
    config = tmp_path / 'released_test.py'
    config.write_text(CONFIG.format(
        fragment=osp.join(repo_root, FRAGMENTS, fragment), model=model, pipeline=pipeline))
    return config


def save_checkpoint(config, tmp_path):
    """A randomly initialised tiny TSN (see :func:`spread_predictions`), saved."""
    cfg = Config.fromfile(str(config))
    torch.manual_seed(0)
    net = MODELS.build(cfg.model)
    net.init_weights()
    spread_predictions(net, DATASETS.build(cfg.test_dataloader.dataset))
    checkpoint = tmp_path / 'tiny_tsn.pth'
    torch.save(dict(state_dict=net.state_dict()), checkpoint)
    return checkpoint


def run_test_py(config, checkpoint, tmp_path, monkeypatch):
    out, dump = tmp_path / 'results.json', tmp_path / 'preds.pkl'
    tool = load_script('tools/test.py', 'mmdebias_test_tool_released')
    monkeypatch.setattr('sys.argv', ['test.py', str(config), str(checkpoint), '--work-dir',
                                     str(tmp_path / 'work'), '--out', str(out),
                                     '--dump', str(dump)])
    tool.main()
    with open(dump, 'rb') as f:
        preds = pickle.load(f)
    return json.loads(out.read_text()), preds


def results_by_name(preds, protocol):
    """``pair_id -> class scores`` of one protocol (the dump is in dataset order; the
    official scripts index by list row, so the rows are looked up by clip name)."""
    return {p['pair_id']: p['pred_score'].numpy().astype(np.float64) for p in preds
            if p['protocol'] == protocol}


def read_rows(list_file):
    with open(list_file) as f:
        return [line.split() for line in f if line.strip()]


# ------------------------------------------------ transcriptions of the official formulas
def official_top1(res, labels):
    return top_k_accuracy(list(res), list(labels), (1, ))[0]


def official_contrasted(res1, res2, labels):
    count = 0
    for r1, r2, label in zip(res1, res2, labels):
        if np.argmax(r1) == label and np.argmax(r2) != label:
            count += 1
    return count / len(labels)


def official_conflfg(res, dynamic_labels, static_labels):
    dynamic = static = dynamic_more = 0
    for r, d, s in zip(res, dynamic_labels, static_labels):
        dynamic += int(np.argmax(r) == d)
        static += int(np.argmax(r) == s)
        dynamic_more += int(r[d] > r[s])
    n = len(dynamic_labels)
    return dynamic / n, static / n, dynamic_more / n


def official_scuba_scufo(scuba_res, scufo_res, rows_per_source):
    """The official numbers of each list (= source) and of all lists' rows together."""
    expected, pooled = {}, dict(scuba=[], scufo=[], labels=[])
    for background, rows in rows_per_source.items():
        names = [f'{background}/{row[0]}' for row in rows]
        labels = [int(row[-1]) for row in rows]
        res1 = [scuba_res[n] for n in names]
        res2 = [scufo_res[n] for n in names]
        expected[f'bias/scuba_top1@{background}'] = official_top1(res1, labels)
        expected[f'bias/scufo_top1@{background}'] = official_top1(res2, labels)
        expected[f'bias/contrasted_acc@{background}'] = official_contrasted(res1, res2, labels)
        pooled['scuba'] += res1
        pooled['scufo'] += res2
        pooled['labels'] += labels
    expected['bias/scuba_top1'] = official_top1(pooled['scuba'], pooled['labels'])
    expected['bias/scufo_top1'] = official_top1(pooled['scufo'], pooled['labels'])
    expected['bias/contrasted_acc'] = official_contrasted(pooled['scuba'], pooled['scufo'],
                                                          pooled['labels'])
    return expected


def assert_not_degenerate(preds, metrics):
    """The comparison means something: predictions vary, accuracies are neither 0 nor 1,
    and some SCUFO clips are predicted otherwise than their SCUBA clips."""
    scuba, scufo = results_by_name(preds, 'scuba'), results_by_name(preds, 'scufo')
    assert len({int(np.argmax(r)) for r in scuba.values()}) >= 2
    assert 0 < metrics['bias/scuba_top1'] < 1
    assert any(np.argmax(scuba[k]) != np.argmax(scufo[k]) for k in scuba)


def assert_matches(metrics, expected):
    assert set(metrics) == set(expected)
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value, abs=1e-12), key


@pytest.mark.slow
def test_stillmix_release_through_tools_test_py(repo_root, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv('MMDEBIAS_STILLMIX_HMDB51', str(tmp_path / 'release'))
    config = write_config(tmp_path, repo_root, 'stillmix_hmdb51.py', 51)
    dataset = Config.fromfile(str(config)).test_dataloader.dataset
    write_stillmix_sets(dataset.scuba, dataset.conflfg, texture=True)
    checkpoint = save_checkpoint(config, tmp_path)
    metrics, preds = run_test_py(config, checkpoint, tmp_path, monkeypatch)
    assert len(preds) == 2 * 3 * 8 + 4
    assert all(np.isfinite(p['pred_score'].numpy()).all() for p in preds)

    rows = {s.background: read_rows(s.ann_file) for s in dataset.scuba}
    expected = official_scuba_scufo(results_by_name(preds, 'scuba'),
                                    results_by_name(preds, 'scufo'), rows)
    confl = dataset.conflfg[0]
    dynamic_rows, static_rows = read_rows(confl.dynamic_list), read_rows(confl.static_list)
    conflfg_res = results_by_name(preds, 'conflfg')
    res = [conflfg_res[f'{confl.background}/{row[0]}'] for row in dynamic_rows]
    numbers = official_conflfg(res, [int(r[-1]) for r in dynamic_rows],
                               [int(r[-1]) for r in static_rows])
    for suffix in ('', f'@{confl.background}'):
        for key, value in zip(('conflfg_top1', 'conflfg_static_rate',
                               'conflfg_dynamic_over_static'), numbers):
            expected[f'bias/{key}{suffix}'] = value
    assert_matches(metrics, expected)
    assert_not_degenerate(preds, metrics)
    printed = capsys.readouterr().out
    assert 'bias/conflfg_dynamic_over_static' in printed and 'bias/scuba_top1@vqgan' in printed


@pytest.mark.slow
def test_albar_release_through_tools_test_py(repo_root, tmp_path, monkeypatch):
    root = tmp_path / 'albar'
    write_albar(str(root), 'UCF101', UCF_VIDEOS, backgrounds=('Places365', 'VQGAN', 'Stripe'),
                texture=True)
    monkeypatch.setenv('MMDEBIAS_ALBAR_UCF101', str(root))
    monkeypatch.setenv('MMDEBIAS_UCF101_CLASS_LIST',
                       write_class_ind(str(tmp_path / 'classInd.txt')))
    config = write_config(tmp_path, repo_root, 'albar_ucf101_corrected.py', 101, albar=True)
    checkpoint = save_checkpoint(config, tmp_path)
    metrics, preds = run_test_py(config, checkpoint, tmp_path, monkeypatch)
    assert len(preds) == 2 * 3 * len(UCF_VIDEOS)
    # ALBAR's loader: every file of a set folder, sorted, label from the class in the name;
    # the contrasted accuracy pairs each SCUBA clip with the SCUFO frame of the same name
    labels = dict(zip(UCF_VIDEOS, (0, 1, 2)))
    rows = {name: [[f'{video}__0', str(labels[video])] for video in sorted(UCF_VIDEOS)]
            for name in ('places365', 'vqgan', 'stripes')}
    expected = official_scuba_scufo(results_by_name(preds, 'scuba'),
                                    results_by_name(preds, 'scufo'), rows)
    assert_matches(metrics, expected)
    assert_not_degenerate(preds, metrics)
