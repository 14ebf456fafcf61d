"""Linear probe of a frozen backbone on an MMAction2 dataset: the cheap transfer check.

    python tools/analysis/linear_probe.py CONFIG CHECKPOINT [--data SPLIT_CONFIG ...] \
        [--batch-size 8] [--num-workers 0] [--max-iter 1000] [--views-per-batch N] \
        [--out probe.json] [--features-out DIR] [--cfg-options k=v ...]

CONFIG's ``model`` gives the features (a stock recognizer with a stock export of a debiasing
checkpoint, ``tools/model_converters/export_stock_checkpoint.py``, or the debiasing config
with its own checkpoint; every weight but the action head's must load, a missing or other
head is fine). Each data config (``--data``, default CONFIG itself) is one split: its
``train_dataloader`` videos train the probe and its ``test_dataloader`` videos score it
(``--train-loader`` / ``--test-loader`` name other dataloaders, e.g. ``val_dataloader``).
Both sets go through the *test* pipeline (deterministic views; ``--train-pipeline train``
keeps the train pipeline's augmentations), one penultimate feature per video -- the backbone's
last feature map averaged over space, time, segments and views (:mod:`mmdebias.apis.features`)
-- and the probe is the scene-bias probe's (standardised features, multinomial logistic
regression; :mod:`mmdebias.evaluation.functional.linear_probe`). Prints top-1 per split and
the mean +- std (population std) over splits, e.g. the three UCF101 / HMDB51 splits::

    python tools/analysis/linear_probe.py configs/transfer/<stock model>.py exported.pth \
        --data configs/transfer/<...>_ucf101-split1.py <...>-split2.py <...>-split3.py
"""
import argparse
import copy
import json
import os.path as osp

import numpy as np
from mmengine.config import Config, DictAction
from mmengine.runner import Runner

import mmdebias  # noqa: F401  (registers mmdebias components; safe checkpoint loading)
from mmdebias.apis import build_feature_model, dataset_features, load_feature_weights
from mmdebias.evaluation.functional import linear_probe_top1, mean_std
from mmdebias.utils import atomic_write, write_json
from mmdebias.utils.cli import check_at_least, load_config


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Linear probe of frozen penultimate '
                                     'features on action labels')
    parser.add_argument('config', help="config whose 'model' gives the features")
    parser.add_argument('checkpoint', help='checkpoint of that model')
    parser.add_argument('--data', nargs='+', help='data configs, one per split (default: '
                        'CONFIG)')
    parser.add_argument('--train-loader', default='train_dataloader',
                        help='dataloader of the probe training videos')
    parser.add_argument('--test-loader', default='test_dataloader',
                        help='dataloader of the probe test videos')
    parser.add_argument('--train-pipeline', choices=['test', 'train'], default='test',
                        help="pipeline of the training videos: the test loader's "
                        "(default, deterministic) or the train loader's own")
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--num-workers', type=int, default=0)
    parser.add_argument('--views-per-batch', type=int, default=None,
                        help='views per forward pass (bounds memory for 10-clip x 3-crop '
                        'test pipelines)')
    parser.add_argument('--max-iter', type=int, default=1000,
                        help='LogisticRegression iterations')
    parser.add_argument('--out', help='write the results as JSON')
    parser.add_argument('--features-out', help='folder for split<i>.npz (features, labels)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override entries of CONFIG and of every data config')
    args = parser.parse_args(argv)
    check_at_least(parser, args, ('batch_size', 'max_iter', 'views_per_batch'))
    check_at_least(parser, args, ('num_workers', ), low=0)
    return args


def _pipelines(dataset: dict):
    """The ``pipeline`` entries of a dataset config (wrappers: ConcatDataset, RepeatDataset)."""
    if 'pipeline' in dataset:
        yield dataset
    for key in ('dataset', 'datasets'):
        inner = dataset.get(key)
        for sub in (inner if isinstance(inner, (list, tuple)) else [inner] if inner else []):
            yield from _pipelines(sub)


def probe_loader(cfg: Config, name: str, source: str, pipeline=None, batch_size: int = 8,
                 num_workers: int = 0) -> dict:
    """The dataloader config ``cfg[name]`` for feature extraction: no shuffling, the given
    pipeline (if any), ``batch_size`` / ``num_workers``."""
    if not isinstance(cfg.get(name), dict) or 'dataset' not in cfg[name]:
        raise KeyError(f'linear_probe: {source} has no {name} with a dataset; give a data '
                       f'config with train_dataloader and test_dataloader (or name others '
                       'with --train-loader / --test-loader).')
    loader = copy.deepcopy(cfg[name].to_dict() if hasattr(cfg[name], 'to_dict') else
                           dict(cfg[name]))
    if pipeline is not None:
        for dataset in _pipelines(loader['dataset']):
            dataset['pipeline'] = copy.deepcopy(pipeline)
    loader.update(batch_size=batch_size, num_workers=num_workers, persistent_workers=False,
                  sampler=dict(type='DefaultSampler', shuffle=False))
    loader.pop('batch_sampler', None)
    return loader


def test_pipeline(cfg: Config, name: str, source: str):
    if not isinstance(cfg.get(name), dict) or 'dataset' not in cfg[name]:
        raise KeyError(f'linear_probe: {source} has no {name} with a dataset; give a data '
                       f'config with train_dataloader and test_dataloader (or name others '
                       'with --train-loader / --test-loader).')
    found = [d['pipeline'] for d in _pipelines(dict(cfg[name]['dataset']))]
    if not found:
        raise KeyError(f'linear_probe: {source}: {name}.dataset has no pipeline.')
    return found[0]


def main(argv=None) -> dict:
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options, 'linear_probe')
    if not osp.isfile(args.checkpoint):
        raise FileNotFoundError(f'linear_probe: checkpoint {args.checkpoint} does not exist.')
    for path in args.data or []:  # before any feature is extracted
        if not osp.isfile(path):
            raise FileNotFoundError(f'linear_probe: data config {path} does not exist.')
    model = build_feature_model(cfg.model, None)
    skipped = load_feature_weights(model, args.checkpoint)
    if skipped:
        print(f'action head not loaded (not used by the probe): {len(skipped)} keys')
    cache = {}

    def features(loader: dict):
        key = json.dumps(loader, sort_keys=True, default=str)
        if key not in cache:
            cache[key] = dataset_features(model, Runner.build_dataloader(loader),
                                          args.views_per_batch)
        return cache[key]

    splits = []
    for i, path in enumerate(args.data or [args.config]):
        data = cfg if path == args.config else load_config(
            path, args.cfg_options, 'linear_probe', init_scope=False)
        pipeline = test_pipeline(data, args.test_loader, path)
        train = probe_loader(data, args.train_loader, path,
                             pipeline if args.train_pipeline == 'test' else None,
                             args.batch_size, args.num_workers)
        test = probe_loader(data, args.test_loader, path, None, args.batch_size,
                            args.num_workers)
        x_train, y_train = features(train)
        x_test, y_test = features(test)
        top1 = linear_probe_top1(x_train, y_train, x_test, y_test, args.max_iter)
        splits.append(dict(data=path, top1=top1, num_train=len(y_train), num_test=len(y_test),
                           num_classes=int(len(np.union1d(y_train, y_test)))))
        print(f'split {i + 1} ({path}): top-1 {100 * top1:.2f} % ({len(y_train)} train / '
              f'{len(y_test)} test videos, {x_train.shape[1]}-d features)')
        if args.features_out:
            with atomic_write(osp.join(args.features_out, f'split{i + 1}.npz')) as tmp:
                np.savez_compressed(tmp, train_features=x_train, train_labels=y_train,
                                    test_features=x_test, test_labels=y_test)
    summary = mean_std([s['top1'] for s in splits])
    result = dict(checkpoint=args.checkpoint, splits=splits, top1_mean=summary['mean'],
                  top1_std=summary['std'], feature_dim=int(x_train.shape[1]))
    print(f'top-1 over {len(splits)} split(s): {100 * summary["mean"]:.2f} +- '
          f'{100 * summary["std"]:.2f} %')
    if args.out:
        write_json(args.out, result)
    return result


if __name__ == '__main__':
    main()
