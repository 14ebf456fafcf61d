"""Test a recognizer and print its metrics (MMAction2 tools/test.py, plus mmdebias).

    python tools/test.py CONFIG CHECKPOINT [--work-dir DIR] [--out results.json]
        [--dump preds.pkl] [--compare other_results.json] [--cfg-options k=v ...]
        [--launcher {none,pytorch,slurm,mpi}] [--non-strict] [--unsafe-load-checkpoint]

The metrics returned by the test evaluator(s) are printed as a table and written to
``--out`` (default: ``WORK_DIR/test_results.json``). When the evaluators include the bias
metrics (``StaticBiasMetric`` / ``NMIFairnessMetric``: keys ``bias/...``, ``fairness/...``)
or ``--compare`` names the results JSON of another run (e.g. the baseline), the table is the
bias report (direction arrows, the other run side by side) and a bar chart is saved next to
the JSON (same name, ``.png``).

The checkpoint is loaded **strictly**: a checkpoint of another architecture or class count is
an error naming the missing / unexpected / mismatched keys (``--non-strict`` loads what
matches and logs the rest). It is loaded **safely** (torch's ``weights_only``; mmengine's own
checkpoints load as they are): a file holding other pickled objects is refused unless you pass
``--unsafe-load-checkpoint`` for a file you trust. An empty, truncated or non-checkpoint
file is an error naming it.

Before testing, an empty test annotation file, and class labels outside the model's
``cls_head.num_classes`` (``DatasetCheckHook``, added to configs that lack it), are errors
naming the file and line -- not an accuracy that silently counts those clips as wrong.
``RandomStateHook`` is left out of test runs (it only concerns training).
"""
import argparse
import json
import os
import os.path as osp

from mmengine.config import Config
from mmengine.dist import is_main_process
from mmengine.runner import Runner

import mmdebias  # noqa: F401  (registers components)
from mmaction.registry import RUNNERS
from mmdebias.utils import setup_cpu_distributed, teardown_distributed
from mmdebias.utils.cli import (add_runner_arguments, checkpoint_loading, parse_runner_args,
                                set_launcher_and_work_dir)
from mmdebias.engine.hooks.dataset_check_hook import (add_dataset_check_hook,
                                                      check_annotation_files)
from mmdebias.evaluation import has_bias_metrics, write_bias_report
from mmdebias.utils.checkpoint_file import check_checkpoint_file


def parse_args():
    parser = argparse.ArgumentParser(description='Test an action recognizer (mmdebias)')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='directory for logs and results')
    parser.add_argument('--out', help='JSON file for the metrics '
                        '(default: WORK_DIR/test_results.json)')
    parser.add_argument('--dump', type=str, help='dump predictions to a .pkl file')
    parser.add_argument('--compare', help='results JSON of another run to compare with')
    parser.add_argument('--non-strict', action='store_true',
                        help='load the checkpoint non-strictly (missing / unexpected / '
                        'mismatched keys are logged, not an error)')
    add_runner_arguments(parser)
    return parse_runner_args(parser)


def merge_args(cfg, args):
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    set_launcher_and_work_dir(cfg, args)
    if args.dump is not None:
        if not args.dump.endswith(('.pkl', '.pickle')):
            raise ValueError(f'--dump must name a .pkl file, got {args.dump!r}')
        dump = dict(type='DumpResults', out_file_path=args.dump)
        evaluator = cfg.test_evaluator
        cfg.test_evaluator = (list(evaluator) if isinstance(evaluator, (list, tuple))
                              else [evaluator]) + [dump]
    # loaded by main() (strictly unless --non-strict), not by the Runner (which is lenient)
    cfg.load_from = None
    # a test run does not train: RandomStateHook would only warn that a checkpoint without
    # a training random state cannot resume training exactly
    drop_hooks(cfg, 'RandomStateHook')
    add_dataset_check_hook(cfg)
    check_annotation_files(cfg, ['test_dataloader'])
    return cfg


def drop_hooks(cfg, hook_type: str) -> None:
    """Remove the hooks of type ``hook_type`` from ``default_hooks`` and ``custom_hooks``."""
    defaults = cfg.get('default_hooks') or {}
    for key, hook in list(defaults.items()):
        if isinstance(hook, dict) and hook.get('type') == hook_type:
            defaults.pop(key)  # (mmengine refuses None for keys outside its own defaults)
    if cfg.get('custom_hooks'):
        cfg.custom_hooks = [h for h in cfg.custom_hooks
                            if not (isinstance(h, dict) and h.get('type') == hook_type)]


def load_checkpoint(runner, checkpoint: str, strict: bool) -> None:
    if '://' not in checkpoint:  # missing, empty, truncated, not a checkpoint: named
        check_checkpoint_file(checkpoint)
    try:
        runner.load_checkpoint(checkpoint, map_location='cpu', strict=strict)
    except RuntimeError as error:
        if 'do not match' not in str(error) and 'missing keys' not in str(error) and \
                'unexpected key' not in str(error):
            raise
        raise RuntimeError(
            f'tools/test.py: checkpoint {checkpoint!r} does not fit the model of the config '
            f'(another architecture or number of classes?):\n{error}\nPass the config the '
            f'checkpoint was trained with, or --non-strict to load the matching keys only.'
        ) from None


def format_metrics(metrics: dict) -> str:
    width = max([len(k) for k in metrics] + [6])
    lines = [f'{"metric":<{width}}  value', '-' * (width + 10)]
    for key, value in metrics.items():
        shown = f'{value:.4f}' if isinstance(value, float) else str(value)
        lines.append(f'{key:<{width}}  {shown}')
    return '\n'.join(lines)


def main():
    args = parse_args()
    cfg = setup_cpu_distributed(merge_args(Config.fromfile(args.config), args))
    runner = Runner.from_cfg(cfg) if 'runner_type' not in cfg else RUNNERS.build(cfg)
    with checkpoint_loading(args.unsafe_load_checkpoint):
        load_checkpoint(runner, args.checkpoint, strict=not args.non_strict)
    metrics = runner.test()
    if is_main_process():
        metrics = {k: (float(v) if hasattr(v, '__float__') else v) for k, v in metrics.items()}
        out = args.out or osp.join(cfg.work_dir, 'test_results.json')
        if has_bias_metrics(metrics) or args.compare:
            _, chart = write_bias_report(metrics, out, args.compare)
            print(f'metrics written to {out}, chart to {chart}')
            return
        print(format_metrics(metrics))
        os.makedirs(osp.dirname(osp.abspath(out)), exist_ok=True)
        with open(out, 'w') as f:
            json.dump(metrics, f, indent=2)
        print(f'metrics written to {out}')


if __name__ == '__main__':
    main()
    teardown_distributed()
