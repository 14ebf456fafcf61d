"""Train a recognizer with mmdebias components (MMAction2 tools/train.py, plus mmdebias).

    python tools/train.py CONFIG [--work-dir DIR] [--resume [CKPT]] [--amp]
        [--cfg-options k=v ...] [--launcher {none,pytorch,slurm,mpi}]
        [--unsafe-load-checkpoint]

Multi-GPU / multi-node: tools/dist_train.sh (torchrun) or --launcher slurm.

Checkpoints (``load_from``, ``--resume``) load safely (torch's ``weights_only``; mmengine's
own checkpoints load as they are); ``--unsafe-load-checkpoint`` is the explicit opt-in for a
legacy pickle you trust. Resume is exact with the project's runtime config
(``RandomStateHook``) and a fixed ``--seed``.

Before the first step, an empty train / val annotation file, and class labels outside the
model's ``cls_head.num_classes`` (``DatasetCheckHook``, added to configs that lack it), are
errors naming the file and line.
"""
import argparse

from mmengine.config import Config
from mmengine.runner import Runner

import mmdebias  # noqa: F401  (registers components)
from mmaction.registry import RUNNERS
from mmdebias.utils import setup_cpu_distributed, teardown_distributed
from mmdebias.utils.cli import (add_runner_arguments, checkpoint_loading, parse_runner_args,
                                set_launcher_and_work_dir)
from mmdebias.engine.hooks.dataset_check_hook import (add_dataset_check_hook,
                                                      check_annotation_files)


def parse_args():
    parser = argparse.ArgumentParser(description='Train an action recognizer (mmdebias)')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='directory for logs and checkpoints')
    parser.add_argument(
        '--resume', nargs='?', type=str, const='auto',
        help='resume from CKPT, or (no value) from the latest checkpoint in the work dir')
    parser.add_argument('--amp', action='store_true', help='automatic mixed precision')
    parser.add_argument('--no-validate', action='store_true',
                        help='do not evaluate checkpoints during training')
    parser.add_argument('--auto-scale-lr', action='store_true',
                        help='scale the lr by actual / base batch size')
    parser.add_argument('--seed', type=int, default=None, help='random seed')
    parser.add_argument('--diff-rank-seed', action='store_true',
                        help='different seeds on different ranks')
    parser.add_argument('--deterministic', action='store_true',
                        help='deterministic cuDNN options')
    add_runner_arguments(parser)
    return parse_runner_args(parser)


def merge_args(cfg, args):
    if args.no_validate:
        cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    set_launcher_and_work_dir(cfg, args)
    if args.amp:
        wrapper = cfg.optim_wrapper.get('type', 'OptimWrapper')
        if wrapper not in ('OptimWrapper', 'AmpOptimWrapper'):
            raise ValueError(f'--amp does not support optim_wrapper type {wrapper!r}')
        cfg.optim_wrapper.type = 'AmpOptimWrapper'
        cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.resume == 'auto':
        cfg.resume, cfg.load_from = True, None
    elif args.resume is not None:
        cfg.resume, cfg.load_from = True, args.resume
    if args.auto_scale_lr:
        cfg.auto_scale_lr.enable = True
    if cfg.get('randomness') is None:
        cfg.randomness = dict(seed=args.seed, diff_rank_seed=args.diff_rank_seed,
                              deterministic=args.deterministic)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    add_dataset_check_hook(cfg)
    check_annotation_files(cfg, ['train_dataloader', 'val_dataloader'])
    return cfg


def main():
    args = parse_args()
    cfg = setup_cpu_distributed(merge_args(Config.fromfile(args.config), args))
    runner = Runner.from_cfg(cfg) if 'runner_type' not in cfg else RUNNERS.build(cfg)
    with checkpoint_loading(args.unsafe_load_checkpoint):
        runner.train()


if __name__ == '__main__':
    main()
    teardown_distributed()
