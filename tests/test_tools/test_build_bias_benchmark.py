"""End to end: build a small bias benchmark from the project's real videos with generated
masks, load it with BiasVideoDataset through a real MMAction2 pipeline and evaluate a
random-init TSN with StaticBiasMetric."""
import json
import os
import os.path as osp
import shutil

import decord
import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS, MODELS
from mmengine.config import Config
from mmengine.dataset import pseudo_collate
from mmengine.evaluator import Evaluator
from PIL import Image

from tests.conformance import TSN_R18, recognizer_cfg
from tests.scripts import load_script

# source name in the project -> name in the benchmark list (video ids must be unique)
VIDEOS = {'test.mp4': ('test.mp4', 0), 'demo.mp4': ('demo.mp4', 1),
          'test.avi': ('test_xvid.avi', 0), 'part_0.mp4': ('part_0.mp4', 1)}
META_KEYS = ('video_id', 'pair_id', 'protocol', 'background', 'static_label')


def load_tool(repo_root):
    return load_script('tools/data/build_bias_benchmark.py', 'build_bias_benchmark_tool')


def disk(height, width):
    yy, xx = np.mgrid[:height, :width]
    return (yy - height / 2) ** 2 + (xx - width / 2) ** 2 < (height / 3) ** 2


def disk_box(height, width):
    """The bounding box of :func:`disk`, as [x1, y1, x2, y2]."""
    ys, xs = np.nonzero(disk(height, width))
    return [int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1]


@pytest.fixture(scope='module')
def bench(tmp_path_factory, request):
    """Videos (symlinks), masks in the three formats, a background folder, the list."""
    data_dir = osp.join(request.config.rootpath, 'tests', 'data')
    root = tmp_path_factory.mktemp('bias_bench')
    for sub in ('videos', 'masks', 'boxes', 'backgrounds'):
        os.makedirs(root / sub)
    shutil.copy(osp.join(data_dir, 'images', 'demo.jpg'), root / 'backgrounds')
    lines = []
    for source, (name, label) in VIDEOS.items():
        os.symlink(osp.join(data_dir, 'videos', source), root / 'videos' / name)
        reader = decord.VideoReader(osp.join(data_dir, 'videos', source))
        num_frames, (height, width) = len(reader), reader[0].shape[:2]
        video_id = osp.splitext(name)[0]
        box = [width * 0.3, height * 0.2, width * 0.6, height * 0.9]
        (root / 'boxes' / f'{video_id}.json').write_text(
            json.dumps({'boxes': [[disk_box(height, width)]] * num_frames}))
        if source.startswith('test.'):  # per-frame boxes
            (root / 'masks' / f'{video_id}.json').write_text(json.dumps([[box]] * num_frames))
        elif source == 'part_0.mp4':  # pixel masks, npz
            np.savez_compressed(root / 'masks' / f'{video_id}.npz',
                                masks=np.repeat(disk(height, width)[None], num_frames, 0))
        else:  # pixel masks, a PNG per frame
            os.makedirs(root / 'masks' / video_id)
            png = Image.fromarray(disk(height, width).astype(np.uint8) * 255)
            for t in range(num_frames):
                png.save(root / 'masks' / video_id / f'{t:05d}.png')
        lines.append(f'{name} {label}')
    (root / 'list.txt').write_text('\n'.join(lines) + '\n')
    return root


def build_args(bench):
    return ['build', str(bench / 'list.txt'), str(bench / 'videos'), str(bench / 'masks'),
            str(bench / 'out'), '--backgrounds', str(bench / 'backgrounds'),
            '--short-side', '32', '--max-frames', '8', '--no-progress']


def decode(path):
    return decord.VideoReader(str(path)).get_batch(list(range(8))).asnumpy().astype(int)


@pytest.fixture(scope='module')
def built(bench, request):
    summary = load_tool(request.config.rootpath).main(build_args(bench))
    return summary


def test_builder_writes_readable_clips(bench, built, repo_root):
    assert built['num_videos'] == 4 and built['skipped'] == {}
    assert built['videos_written'] == 4 * (2 + 2) + 4  # (SCUBA + SCUFO) x 2 bgs + Confl-FG
    anns = {name: json.load(open(path)) for name, path in built['annotations'].items()}
    assert {len(v) for v in anns.values()} == {4, 8}
    assert {e['background'] for e in anns['scuba']} == {'places', 'stripes'}
    assert [e['filename'] for e in anns['scufo_random_frame']] == \
        [e['filename'] for e in anns['scuba']]
    for entry in anns['scuba'] + anns['scufo'] + anns['conflfg']:
        reader = decord.VideoReader(str(bench / 'out' / entry['filename']))
        assert len(reader) == 8 and reader[0].shape == (32, 42, 3)
    for scuba, scufo in zip(anns['scuba'], anns['scufo']):
        assert scuba['pair_id'] == scufo['pair_id']
        moving, still = decode(bench / 'out' / scuba['filename']), \
            decode(bench / 'out' / scufo['filename'])
        assert np.abs(still - still[:1]).mean() < 1.0  # no motion at all
        assert np.abs(still[0] - moving[4]).mean() < 10.0  # the middle SCUBA frame
    labels = {osp.splitext(name)[0]: label for name, label in VIDEOS.values()}
    for entry in anns['conflfg']:  # the static foreground is from a video of the other class
        assert entry['label'] == labels[entry['video_id']]
        assert entry['static_label'] == 1 - entry['label'] == labels[entry['static_video_id']]


def test_builder_resumes(bench, built, repo_root):
    tool = load_tool(repo_root)
    assert tool.main(build_args(bench))['videos_written'] == 0
    scuba = bench / 'out' / 'scuba' / 'stripes' / 'demo_0.mp4'
    before = decode(scuba)
    os.remove(bench / 'out' / 'scufo' / 'stripes' / 'demo_0.mp4')
    assert tool.main(build_args(bench))['videos_written'] == 2
    assert np.array_equal(decode(scuba), before)  # the same background again


def test_mask_quality_cli(bench, repo_root, capsys):
    tool = load_tool(repo_root)
    out = bench / 'quality.json'
    fine_list = bench / 'pixel_list.txt'
    fine_list.write_text('part_0.mp4 1\ndemo.mp4 1\n')  # the videos with disk masks
    report = tool.main(['mask-quality', str(fine_list), str(bench / 'boxes'),
                        str(bench / 'masks'), '--out', str(out), '--no-progress'])
    for video_id in ('part_0', 'demo'):  # both 256 x 340
        x1, y1, x2, y2 = disk_box(256, 340)
        box_area = (x2 - x1) * (y2 - y1)
        expected = (box_area - disk(256, 340).sum()) / box_area  # about 1 - pi / 4
        assert report['per_video'][video_id] == pytest.approx(expected)
    assert json.loads(out.read_text()) == report
    assert f'mean over 2 videos: {report["mean"]:.1%}' in capsys.readouterr().out


def test_bias_metric_end_to_end(bench, built, data_dir):
    out = str(bench / 'out') + '/'

    def pipeline(still=False):
        return [dict(type='DecordInit'),
                dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3,
                     test_mode=True),
                dict(type='DecordDecode'),
                *([dict(type='StaticFrameRepeat', frame_index='random')] if still else []),
                dict(type='Resize', scale=(-1, 32)),
                dict(type='CenterCrop', crop_size=32),
                dict(type='FormatShape', input_format='NCHW'),
                dict(type='PackActionInputs', meta_keys=META_KEYS)]

    def bias_set(name, prefix=out, still=False):
        return dict(type='BiasVideoDataset', ann_file=out + name + '.json',
                    data_prefix=dict(video=prefix), pipeline=pipeline(still), test_mode=True)

    model_cfg = recognizer_cfg(TSN_R18)
    model_cfg['cls_head']['num_classes'] = 2
    torch.manual_seed(0)
    model = MODELS.build(model_cfg).eval()

    def evaluate(datasets):
        dataset = DATASETS.build(dict(type='ConcatDataset', datasets=datasets))
        evaluator = Evaluator([dict(type='StaticBiasMetric')])
        predictions = []
        for start in range(0, len(dataset), 8):
            batch = pseudo_collate([dataset[i] for i in
                                    range(start, min(start + 8, len(dataset)))])
            with torch.no_grad():
                outputs = model.test_step(batch)
            evaluator.process(outputs, batch)
            predictions += [o.to_dict() for o in outputs]
        return evaluator.evaluate(len(dataset)), predictions

    metrics, preds = evaluate([bias_set('original', str(bench / 'videos')), bias_set('scuba'),
                               bias_set('scufo'), bias_set('conflfg')])
    assert len(preds) == 4 + 8 + 8 + 4

    # the same numbers from the raw predictions
    def hit(p, target):
        return float(int(p['pred_score'].argmax()) == target)

    def mean(values):
        return sum(values) / len(values)

    by = {p: [d for d in preds if d['protocol'] == p]
          for p in ('original', 'scuba', 'scufo', 'conflfg')}
    expected = {f'bias/{p}_top1': mean([hit(d, int(d['gt_label'])) for d in by[p]])
                for p in by}
    expected['bias/conflfg_static_rate'] = mean([hit(d, d['static_label'])
                                                 for d in by['conflfg']])
    expected['bias/conflfg_dynamic_over_static'] = mean([
        float(d['pred_score'][int(d['gt_label'])] > d['pred_score'][d['static_label']])
        for d in by['conflfg']])
    scufo = {d['pair_id']: d for d in by['scufo']}
    expected['bias/contrasted_acc'] = mean([
        hit(d, int(d['gt_label'])) * (1 - hit(scufo[d['pair_id']], int(d['gt_label'])))
        for d in by['scuba']])
    for bg in ('places', 'stripes'):
        rows = [d for d in by['scuba'] if d['background'] == bg]
        expected[f'bias/scuba_top1@{bg}'] = mean([hit(d, int(d['gt_label'])) for d in rows])
    for key, value in expected.items():
        assert metrics[key] == pytest.approx(value), key
    assert set(metrics) == set(expected) | {
        'bias/scufo_top1@places', 'bias/scufo_top1@stripes', 'bias/contrasted_acc@places',
        'bias/contrasted_acc@stripes', 'bias/conflfg_top1@stripes',
        'bias/conflfg_static_rate@stripes', 'bias/conflfg_dynamic_over_static',
        'bias/conflfg_dynamic_over_static@stripes'}

    # StillMix's SCUFO: a random frame of each SCUBA video, chosen in the pipeline
    still_metrics, _ = evaluate([bias_set('scuba'),
                                 bias_set('scufo_random_frame', still=True)])
    assert set(still_metrics) >= {'bias/scuba_top1', 'bias/scufo_top1', 'bias/contrasted_acc'}
    assert still_metrics['bias/scuba_top1'] == metrics['bias/scuba_top1']


CONFIG = '''
_base_ = ('mmaction::recognition/tsn/'
          'tsn_imagenet-pretrained-r50_8xb32-1x1x3-100e_kinetics400-rgb.py')
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
model = dict(backbone=dict(depth=18, pretrained=None),
             cls_head=dict(in_channels=512, num_classes=2))
bias_root = {root!r}
meta_keys = ('video_id', 'pair_id', 'protocol', 'background', 'static_label')
test_pipeline = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=2, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 32)),
    dict(type='CenterCrop', crop_size=32),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=meta_keys)]
scufo_pipeline = [*test_pipeline[:3],  # after DecordInit, SampleFrames, DecordDecode
                  dict(type='StaticFrameRepeat', frame_index='random'),
                  *test_pipeline[3:]]

def bias_set(name, pipeline=test_pipeline, prefix=bias_root):
    return dict(type='BiasVideoDataset', ann_file=bias_root + name + '.json',
                data_prefix=dict(video=prefix), pipeline=pipeline, test_mode=True)

test_dataloader = dict(
    batch_size=8, num_workers=0, persistent_workers=False,
    sampler=dict(type='DefaultSampler', shuffle=False),
    dataset=dict(_delete_=True, type='ConcatDataset', datasets=[
        bias_set('scuba'), bias_set('scufo_random_frame', scufo_pipeline),
        bias_set('conflfg')]))
test_evaluator = [dict(type='AccMetric'), dict(type='StaticBiasMetric')]
'''


def test_tools_test_py_bias_report(bench, built, repo_root, tmp_path, monkeypatch, capsys):
    """The BiasVideoDataset config recipe on a stock MMAction2 TSN config: tools/test.py
    prints the bias report, writes the JSON and the chart, and compares with another run."""
    config = tmp_path / 'bias_test.py'
    config.write_text(CONFIG.format(root=str(bench / 'out') + '/'))
    checkpoint = tmp_path / 'tsn.pth'
    model = MODELS.build(Config.fromfile(str(config)).model)
    torch.save(dict(state_dict=model.state_dict()), checkpoint)
    baseline = tmp_path / 'baseline.json'
    baseline.write_text(json.dumps({'bias/scuba_top1': 0.25, 'bias/contrasted_acc': 0.0}))

    tool = load_script('tools/test.py', 'mmdebias_test_tool')
    out = tmp_path / 'results.json'
    monkeypatch.setattr('sys.argv', ['test.py', str(config), str(checkpoint), '--work-dir',
                                     str(tmp_path / 'work'), '--out', str(out),
                                     '--compare', str(baseline)])
    tool.main()
    metrics = json.loads(out.read_text())
    assert {'acc/top1', 'bias/scuba_top1', 'bias/scufo_top1', 'bias/contrasted_acc',
            'bias/conflfg_top1', 'bias/conflfg_static_rate'} <= set(metrics)
    assert (tmp_path / 'results.png').stat().st_size > 1000
    printed = capsys.readouterr().out
    header = next(line for line in printed.splitlines() if line.startswith('metric'))
    assert header.split() == ['metric', 'dir', 'value', 'baseline', 'delta']
    row = next(line for line in printed.splitlines() if line.startswith('bias/scuba_top1 '))
    assert row.split()[1:4] == ['↑', f'{metrics["bias/scuba_top1"]:.4f}', '0.2500']
