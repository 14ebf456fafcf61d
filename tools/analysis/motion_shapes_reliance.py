"""Does a model *use* the static shortcut of MotionShapes, or only *know* it?

    python tools/analysis/motion_shapes_reliance.py CONFIG CHECKPOINT \
        [--data-root data/synthetic/motion_shapes] [--out reliance.json]

The bias metrics say how a model does on each protocol; this breaks the test sets down by
what the benchmark knows about every clip, to tell two things apart:

- **knowing** the shortcut: top-1 on *static* copies of the in-distribution clips (their
  middle frame repeated, seen backgrounds: ``static-original``) -- how well the background
  and actor appearance alone give the class;
- **using** it on moving clips: top-1 of the moving clips whose static cues agree with the
  class (``aligned``: background palette, actor shape and colour all the class's) against
  those whose cues were drawn at random (``conflicting``). A model that relies on motion
  scores the same on both.

Rows: every protocol of the config's test set (original, SCUBA, SCUFO, Confl-FG, Confl-BG)
and static-original, split by the alignment of the source clip (the test clips are made from
the original clips; ``video_id`` links them). The conflicting group is small (``1 - bias`` of the
clips, ~12 of 200 at the default bias): read its numbers with their counts.
"""
import argparse
import copy
import json
import os.path as osp
from collections import defaultdict

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.runner import Runner, load_checkpoint

import mmdebias  # noqa: F401  (registers mmdebias components)
from mmdebias.utils import safe_checkpoint_loading
from mmdebias.utils.cli import load_config
from mmaction.registry import MODELS

PROTOCOLS = ('original', 'scuba', 'scufo', 'conflfg', 'conflbg', 'static-original')


def build_test_sets(cfg: Config, data_root: str) -> list:
    """The config's test datasets re-rooted at ``data_root``, plus the static copies of the
    original clips (StaticFrameRepeat of the middle frame after decoding)."""
    test = cfg.test_dataloader.dataset
    datasets = copy.deepcopy(test.datasets if test.type == 'ConcatDataset' else [test])
    for dataset in datasets:
        dataset.ann_file = osp.join(data_root, osp.basename(dataset.ann_file))
        dataset.data_prefix = dict(video=data_root)
    original = next((d for d in datasets if d.get('protocol') == 'original'), None)
    if original is None:
        raise ValueError('motion_shapes_reliance: the config\'s test set has no BiasVideoDataset '
                         "with protocol='original'; use a MotionShapes config such as "
                         'demo/demo_configs/motion_shapes/baseline-ft_r3d18_tiny_motion_shapes.py.')
    static = copy.deepcopy(original)
    types = [t['type'] for t in static.pipeline]
    if 'DecordDecode' not in types:
        raise ValueError('motion_shapes_reliance: the test pipeline has no DecordDecode step '
                         'to insert StaticFrameRepeat after.')
    static.pipeline.insert(types.index('DecordDecode') + 1,
                           dict(type='StaticFrameRepeat', frame_index='middle'))
    datasets.append(static)
    return datasets


@torch.no_grad()
def predict(model, datasets: list, batch_size: int = 16) -> list:
    """One row per clip: protocol, video_id, label, prediction."""
    rows = []
    for i, dataset in enumerate(datasets):
        loader = Runner.build_dataloader(
            dict(batch_size=batch_size, num_workers=0, dataset=dataset,
                 sampler=dict(type='DefaultSampler', shuffle=False)))
        # the last one is the static copy of the original set
        protocol = 'static-original' if i == len(datasets) - 1 else dataset.protocol
        for data in loader:
            for sample in model.test_step(data):
                rows.append(dict(protocol=protocol, video_id=sample.metainfo['video_id'],
                                 label=int(sample.gt_label),
                                 pred=int(sample.pred_score.argmax())))
    return rows


def breakdown(rows: list, aligned: dict) -> dict:
    """protocol -> group ('all' / 'aligned' / 'conflicting') -> (top-1 %, count)."""
    hits = defaultdict(list)
    for row in rows:
        if row['video_id'] not in aligned:
            raise KeyError(f'motion_shapes_reliance: video_id {row["video_id"]!r} is not in '
                           'original.json; the test sets must come from the same benchmark.')
        group = 'aligned' if aligned[row['video_id']] else 'conflicting'
        correct = row['pred'] == row['label']
        hits[(row['protocol'], 'all')].append(correct)
        hits[(row['protocol'], group)].append(correct)
    out = defaultdict(dict)
    for (protocol, group), values in hits.items():
        out[protocol][group] = (100.0 * float(np.mean(values)), len(values))
    return dict(out)


def format_breakdown(result: dict) -> str:
    lines = [f'{"protocol":<17}{"all":>14}{"aligned":>14}{"conflicting":>14}']
    for protocol in PROTOCOLS:
        if protocol not in result:
            continue
        cells = ''.join(
            f'{f"{result[protocol][g][0]:5.1f} (n={result[protocol][g][1]})":>14}'
            if g in result[protocol] else f'{"-":>14}'
            for g in ('all', 'aligned', 'conflicting'))
        lines.append(f'{protocol:<17}{cells}')
    return '\n'.join(lines)


def main():
    parser = argparse.ArgumentParser(description='MotionShapes: knowing vs using the shortcut')
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--data-root', default='data/synthetic/motion_shapes')
    parser.add_argument('--out', help='write the breakdown as JSON')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={})
    args = parser.parse_args()

    cfg = load_config(args.config, args.cfg_options, 'motion_shapes_reliance')
    original_json = osp.join(args.data_root, 'original.json')
    if not osp.isfile(original_json):
        raise FileNotFoundError(f'{original_json} not found: --data-root must be a MotionShapes '
                                'benchmark (python tools/data/make_motion_shapes.py DIR).')
    with open(original_json) as f:
        aligned = {e['video_id']: bool(e['aligned']) for e in json.load(f)}
    model = MODELS.build(cfg.model)
    with safe_checkpoint_loading():
        load_checkpoint(model, args.checkpoint, map_location='cpu')
    model.eval()
    result = breakdown(predict(model, build_test_sets(cfg, args.data_root)), aligned)
    print(format_breakdown(result))
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(result, f, indent=2)


if __name__ == '__main__':
    main()
