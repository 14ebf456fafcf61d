"""Does debiasing make a model rely on motion? The MotionShapes demo, on CPU in minutes.

    python demo/bias_demo.py [--preset hard] [--methods baseline control staticswap-recolour]
        [--seeds 0] [--out work_dirs/demo_hard]
    python demo/bias_demo.py --preset easy [--methods baseline albar] [--out work_dirs/demo]

``--preset hard`` (default): the shortcut-bound preset (six motion classes, two 98% static
cues); every method trains the network from scratch, ``control`` on an unbiased copy of the
training set. ``--preset easy``: the steps below.

1. generates the MotionShapes benchmark (mmdebias/datasets/synthetic/motion_shapes.py) if it
   is absent: clips whose class is the actor's direction of motion, with background and actor
   appearance planted as static shortcuts in training;
2. for every seed, pre-trains the tiny 3D ResNet of
   ``configs/motion_shapes/baseline_r3d18_tiny_motion_shapes.py`` with plain cross entropy
   (the analogue of the Kinetics-400 pre-training ALBAR starts from), then fine-tunes it with
   each method on the same schedule -- ``baseline`` (plain CE), ``albar`` (ALBAR),
   ``albar-lnk`` (ALBAR, entropy weight rescaled to 4 classes), ``sdn`` (SDN's scene
   adversary), ``sdn-full`` (+ human-mask confusion), ``smad`` (SMAD: SAAR + scene and
   object adversaries) -- and tests every fine-tuned model on the original / SCUBA / SCUFO /
   Confl-FG / Confl-BG sets with StaticBiasMetric, all through mmengine's Runner and the
   stock configs;
3. prints the comparison table (mean ± std over seeds) and saves a bar chart and the numbers
   as JSON in ``--out``.

``--reuse-pretrain`` fine-tunes from the pre-trained models an earlier run left in ``--out``
(to add a method); ``--test-only`` re-tests the fine-tuned models found there.
"""
import argparse
import json
import logging
import os
import os.path as osp
import sys
import time

import numpy as np
from mmengine.config import DictAction

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, ROOT)

PRETRAIN = 'configs/motion_shapes/baseline_r3d18_tiny_motion_shapes.py'
METHODS = {
    'baseline': 'configs/motion_shapes/baseline-ft_r3d18_tiny_motion_shapes.py',
    # the unbiased control: the same fine-tuning on a copy of the training set whose static
    # cues are uniform over the classes (control_train.txt)
    'control': 'configs/motion_shapes/control_r3d18_tiny_motion_shapes.py',
    'albar': 'configs/motion_shapes/albar_r3d18_tiny_motion_shapes.py',
    # ALBAR with the entropy weight rescaled to 4 classes (see the config's header)
    'albar-lnk': 'configs/motion_shapes/albar-lnk_r3d18_tiny_motion_shapes.py',
    # SDN's scene adversary (background palette as the scene)
    'sdn': 'configs/motion_shapes/sdn_r3d18_tiny_motion_shapes.py',
    # full SDN: + human-mask confusion on the actor (its boxes from the generator)
    'sdn-full': 'configs/motion_shapes/sdn-full_r3d18_tiny_motion_shapes.py',
    # SMAD: SAAR neck + adversaries on scene (background) and object (actor shape)
    'smad': 'configs/motion_shapes/smad_r3d18_tiny_motion_shapes.py',
    # the comparison family (mmdebias.models.blendings)
    'stillmix-random': 'configs/motion_shapes/stillmix-random_r3d18_tiny_motion_shapes.py',
    # (its frame bank is built in the benchmark folder first if absent, see ensure_frame_bank)
    'stillmix-bank': 'configs/motion_shapes/stillmix-bank_r3d18_tiny_motion_shapes.py',
    'albar-stillmix': 'configs/motion_shapes/albar-stillmix_r3d18_tiny_motion_shapes.py',
    'be': 'configs/motion_shapes/be_r3d18_tiny_motion_shapes.py',
    'fame': 'configs/motion_shapes/fame_r3d18_tiny_motion_shapes.py',
    'actorcutmix': 'configs/motion_shapes/actorcutmix_r3d18_tiny_motion_shapes.py',
    'videomix': 'configs/motion_shapes/videomix_r3d18_tiny_motion_shapes.py',
    # StaticSwap (mmdebias)
    'staticswap': 'configs/motion_shapes/staticswap_r3d18_tiny_motion_shapes.py',
    'staticswap-recolour':
    'configs/motion_shapes/staticswap-recolour_r3d18_tiny_motion_shapes.py',
}
# The shortcut-bound preset ('hard', six motion classes, two 98% cues): every row trains the
# same network from scratch on the same budget; 'control' trains it on the unbiased copy.
HARD = 'configs/motion_shapes_hard/{}_r3d18_tiny_motion_shapes-hard.py'
METHODS_HARD = {
    'baseline': HARD.format('baseline'),
    'control': HARD.format('control'),
    # the ALBAR paper's comparison family (mmdebias.models.blendings) and the seed methods
    'albar': HARD.format('albar'),
    'albar-stillmix': HARD.format('albar-stillmix'),
    'stillmix-random': HARD.format('stillmix-random'),
    'stillmix-bank': HARD.format('stillmix-bank'),
    'be': HARD.format('be'),
    'fame': HARD.format('fame'),
    'actorcutmix': HARD.format('actorcutmix'),
    'videomix': HARD.format('videomix'),
    'sdn': HARD.format('sdn'),
    'sdn-full': HARD.format('sdn-full'),
    'smad': HARD.format('smad'),
    # static-view bias model methods (mmdebias.models.objectives)
    'poe': HARD.format('poe'),
    'poe-warmup': HARD.format('poe-warmup'),
    'poe-stillmix': HARD.format('poe-stillmix'),
    'poe-stillmix-strong': HARD.format('poe-stillmix-strong'),
    'stillmix-strong': HARD.format('stillmix-strong'),
    'lff-stillmix': HARD.format('lff-stillmix'),
    # StaticSwap (mmdebias): the clip's static view replaced by another clip's frame
    'staticswap': HARD.format('staticswap'),
    'staticswap-p75': HARD.format('staticswap-p75'),
    'poe-staticswap': HARD.format('poe-staticswap'),
    'staticswap-p100': HARD.format('staticswap-p100'),
    'staticswap-recolour': HARD.format('staticswap-recolour'),
    'staticswap-stillmix': HARD.format('staticswap-stillmix'),
    'stillmix-p100': HARD.format('stillmix-p100'),
    'lff': HARD.format('lff'),
    'lff-albar-entropy': HARD.format('lff-albar-entropy'),
    # ceiling: the benchmark's knowledge of the conflicting clips (oracle group weights)
    'oracle': HARD.format('oracle'),
}
DATA_ROOTS = dict(easy='data/synthetic/motion_shapes', hard='data/synthetic/motion_shapes_hard')
# StillMix's 2D reference network, which scores the training frames for the frame bank
BANK_REFERENCES = dict(easy='configs/stillmix/ref-r2d18_1x1x1_motion_shapes.py',
                       hard='configs/stillmix/ref-r2d18_1x1x1_motion_shapes-hard.py')
# (key, label, direction) of the rows of the comparison
ROWS = [('bias/original_top1', 'original top-1', '↑'),
        ('bias/scuba_top1', 'SCUBA top-1', '↑'),
        ('bias/scufo_top1', 'SCUFO top-1', '↓'),
        ('bias/contrasted_acc', 'contrasted acc', '↑'),
        ('bias/conflfg_top1', 'Confl-FG top-1', '↑'),
        ('bias/conflfg_static_rate', 'Confl-FG static rate', '↓'),
        ('bias/conflbg_top1', 'Confl-BG top-1', '↑'),
        ('bias/conflbg_static_rate', 'Confl-BG static rate', '↓'),
        ('step_cost', 'train step cost (x base)', '')]


def build_runner(config: str, name: str, seed: int, data_root: str, out_dir: str,
                 load_from=None, cfg_options=None):
    from mmengine.config import Config
    from mmengine.runner import Runner

    cfg = Config.fromfile(osp.join(ROOT, config))
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    cfg.work_dir = osp.join(out_dir, f'{name}_seed{seed}')
    cfg.randomness = dict(seed=seed, deterministic=False)
    cfg.launcher = 'none'
    cfg.load_from = load_from
    # the test sets include the in-distribution one, so no separate validation pass
    cfg.val_cfg = cfg.val_dataloader = cfg.val_evaluator = None
    cfg.train_cfg.pop('val_interval', None)
    cfg.train_cfg.pop('val_begin', None)
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook',
                                        interval=cfg.train_cfg.max_epochs)
    cfg.default_hooks.logger = dict(type='LoggerHook', interval=25)
    cfg.log_level = 'WARNING'
    for loader in ('train_dataloader', 'test_dataloader'):
        _set_data_root(cfg[loader].dataset, data_root)
    blending = cfg.model.data_preprocessor.get('blending') or {}
    if blending.get('bank_file'):  # StillMix's frame bank lives with the benchmark
        blending['bank_file'] = osp.join(data_root, osp.basename(blending['bank_file']))
    runner = Runner.from_cfg(cfg)
    _show_progress(runner, name, seed)
    return runner


def ensure_frame_bank(preset: str, data_root: str, out_dir: str) -> str:
    """The StillMix frame bank of the benchmark in ``data_root`` (``stillmix_bank.npz``,
    which the ``stillmix-bank`` configs read): built by ``tools/data/stillmix_frame_bank.py``
    (trains the preset's 2D reference network on single frames, scores every training frame,
    keeps 1024 of the more confident half) if absent; its work files go to
    ``<out_dir>/stillmix_bank``."""
    import subprocess
    bank = osp.join(data_root, 'stillmix_bank.npz')
    if osp.isfile(bank):
        return bank
    print(f'[demo] building the StillMix frame bank {bank}', flush=True)
    subprocess.run([
        sys.executable, osp.join(ROOT, 'tools/data/stillmix_frame_bank.py'),
        BANK_REFERENCES[preset], '--work-dir', osp.join(out_dir, 'stillmix_bank'), '--out',
        bank, '--short-side', '32', '--crop-size', '32', '--cfg-options',
        f'train_dataloader.dataset.ann_file={data_root}/train.txt',
        f'train_dataloader.dataset.data_prefix.video={data_root}'
    ], check=True, cwd=ROOT)
    return bank


def pretrain(seed: int, data_root: str, out_dir: str, cfg_options=None) -> str:
    runner = build_runner(PRETRAIN, 'pretrain', seed, data_root, out_dir,
                          cfg_options=cfg_options)
    runner.train()
    return osp.join(runner.work_dir, f'epoch_{runner.max_epochs}.pth')


def existing_pretrain(seed: int, out_dir: str):
    """The checkpoint a finished pre-training of ``seed`` left in ``out_dir``, or None."""
    return existing_checkpoint(osp.join(out_dir, f'pretrain_seed{seed}'))


def existing_checkpoint(work_dir: str):
    """The last checkpoint a finished run left in ``work_dir`` (mmengine's
    ``last_checkpoint`` file), or None."""
    last = osp.join(work_dir, 'last_checkpoint')
    if not osp.isfile(last):
        return None
    with open(last) as f:
        checkpoint = f.read().strip()
    return checkpoint if osp.isfile(checkpoint) else None


def finetune_and_test(method: str, seed: int, data_root: str, out_dir: str,
                      checkpoint, cfg_options=None, test_only: bool = False,
                      config: str = None) -> dict:
    """Fine-tune ``checkpoint`` (None: train from scratch) with ``method`` and test it;
    ``test_only``: test the model an earlier run of this method and seed left in
    ``out_dir`` instead. Also returns the median training-step time (``step_time``, s)."""
    config = config or METHODS[method]
    if test_only:
        checkpoint = existing_checkpoint(osp.join(out_dir, f'{method}_seed{seed}'))
        if checkpoint is None:
            raise FileNotFoundError(
                f'--test-only: no fine-tuned {method} model of seed {seed} in {out_dir}; run '
                'the demo without --test-only first.')
    runner = build_runner(config, method, seed, data_root, out_dir, checkpoint,
                          cfg_options)
    step_time = None
    if not test_only:
        runner.train()
        times = runner.step_timer.step_times[5:] or runner.step_timer.step_times
        step_time = float(np.median(times))
    metrics = {k: float(v) for k, v in runner.test().items()}
    if step_time is not None:
        metrics['step_time'] = step_time
    with open(osp.join(runner.work_dir, 'bias_metrics.json'), 'w') as f:
        json.dump(metrics, f, indent=2)
    return metrics


def _set_data_root(dataset, data_root):
    if dataset.get('type') == 'ConcatDataset':
        for sub in dataset.datasets:
            _set_data_root(sub, data_root)
        return
    dataset.ann_file = osp.join(data_root, osp.basename(dataset.ann_file))
    dataset.data_prefix = dict(video=data_root)
    for transform in dataset.pipeline:  # the aspect-label files of SDN / SMAD
        if transform['type'] == 'LoadAspectLabels':
            transform['label_file'] = osp.join(data_root, osp.basename(transform['label_file']))
            transform['data_root'] = data_root
        if transform['type'] == 'LoadSampleWeight':  # JTT / oracle weights
            transform['weight_file'] = osp.join(data_root,
                                                osp.basename(transform['weight_file']))
            transform['data_root'] = data_root
        if transform['type'] in ('HumanMask', 'LoadActorMask'):  # the actor boxes
            transform['cache_root'] = osp.join(data_root, osp.basename(transform['cache_root']))
            transform['data_root'] = data_root


def _show_progress(runner, method, seed):
    """Print one line per epoch (the Runner's own logger is quiet at WARNING)."""
    from mmengine.hooks import Hook

    class EpochProgress(Hook):
        priority = 'VERY_LOW'

        def before_train(self, runner):
            self.t0 = time.time()
            self.step_times = []

        def before_train_iter(self, runner, batch_idx, data_batch=None):
            self.t_iter = time.perf_counter()

        def after_train_iter(self, runner, batch_idx, data_batch=None, outputs=None):
            # model step only (forward, backward, update): data loading is not the method's
            self.step_times.append(time.perf_counter() - self.t_iter)

        def after_train_epoch(self, runner):
            logs = runner.message_hub.log_scalars
            loss = logs['train/loss'].mean() if 'train/loss' in logs else float('nan')
            print(f'  [{method} seed {seed}] epoch {runner.epoch + 1}/{runner.max_epochs} '
                  f'loss {loss:.3f}  {time.time() - self.t0:.0f} s', flush=True)

    hook = EpochProgress()
    runner.register_hook(hook)
    runner.step_timer = hook


def summarise(results: dict) -> dict:
    """method -> key -> (mean, std) over seeds; ``step_cost`` is each run's median step time
    over the baseline's of the same seed (same process, same machine)."""
    base = results.get('baseline')
    if base:
        for runs in results.values():
            for run, ref in zip(runs, base):
                if 'step_time' in run and 'step_time' in ref:
                    run['step_cost'] = run['step_time'] / ref['step_time']
    summary = {}
    for method, runs in results.items():
        summary[method] = {}
        for key, _, _ in ROWS:
            values = [r[key] for r in runs if key in r]
            if values:
                summary[method][key] = (float(np.mean(values)), float(np.std(values)))
    return summary


def format_table(summary: dict, num_seeds: int) -> str:
    methods = list(summary)
    def cell(key, m, s):
        scale, digits = (1, 2) if key == 'step_cost' else (100, 1)
        if num_seeds > 1:
            return f'{scale * m:5.{digits}f} ± {scale * s:4.{digits}f}'
        return f'{scale * m:5.{digits}f}'

    width = max([14 if num_seeds > 1 else 8] + [len(m) + 2 for m in methods])
    lines = [f'{"metric (%)":<26}' + ''.join(f'{m:>{width}}' for m in methods)]
    lines.append('-' * len(lines[0]))
    for key, label, arrow in ROWS:
        if not all(key in summary[m] for m in methods):
            continue
        lines.append(f'{label + " " + arrow:<26}' +
                     ''.join(f'{cell(key, *summary[m][key]):>{width}}' for m in methods))
    return '\n'.join(lines)


def save_chart(summary: dict, path: str, title: str, chance: float = 0.25) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = [r for r in ROWS if r[0] != 'step_cost' and all(r[0] in summary[m] for m in summary)]
    figure = Figure(figsize=(9, 4))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    width = 0.8 / len(summary)
    for i, (method, values) in enumerate(summary.items()):
        xs = np.arange(len(rows)) + (i - (len(summary) - 1) / 2) * width
        axes.bar(xs, [100 * values[k][0] for k, _, _ in rows], width,
                 yerr=[100 * values[k][1] for k, _, _ in rows], label=method, capsize=3)
    axes.set_xticks(np.arange(len(rows)))
    axes.set_xticklabels([f'{label}\n{arrow}' for _, label, arrow in rows], fontsize=8)
    axes.axhline(100 * chance, color='grey', lw=0.8, ls='--')
    axes.text(len(rows) - 0.5, 100 * chance + 1, 'chance', color='grey', fontsize=8,
              ha='right')
    axes.set_ylabel('%')
    axes.set_ylim(0, 105)
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def main():
    parser = argparse.ArgumentParser(description='MotionShapes static-bias demo')
    parser.add_argument('--preset', choices=['easy', 'hard'], default='hard',
                        help="'easy': four directions, one 90%% cue draw, pre-train + "
                        "fine-tune protocol; 'hard': the shortcut-bound preset (six motion "
                        'classes, two independent 98%% cues), every row trained from scratch, '
                        "with the unbiased 'control' row")
    parser.add_argument('--methods', nargs='+', default=None,
                        choices=sorted(set(METHODS) | set(METHODS_HARD)),
                        help='default: baseline control staticswap-recolour (hard), '
                        'baseline albar (easy)')
    parser.add_argument('--seeds', nargs='+', type=int, default=[0])
    parser.add_argument('--data-seed', type=int, default=0)
    parser.add_argument('--bias', type=float, default=None,
                        help='benchmark bias (default: 0.9 easy, 0.98 hard)')
    parser.add_argument('--noise', type=float, default=0.0,
                        help='benchmark sensor noise (see tools/data/make_motion_shapes.py)')
    parser.add_argument('--data-root', default=None,
                        help='benchmark folder (default: data/synthetic/motion_shapes, or '
                        'data/synthetic/motion_shapes_hard with --preset hard)')
    parser.add_argument('--out', default=None,
                        help='output folder (default: work_dirs/demo or work_dirs/demo_hard)')
    parser.add_argument('--reuse-pretrain', action='store_true',
                        help='fine-tune from the pre-trained model a previous run of the same '
                        'seed left in --out (e.g. to add a method) instead of pre-training')
    parser.add_argument('--test-only', action='store_true',
                        help='only test the fine-tuned models a previous run left in --out '
                        '(e.g. after the benchmark gained a test set)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default={},
                        help='override settings of every config, as in tools/train.py')
    args = parser.parse_args()
    hard = args.preset == 'hard'
    methods = METHODS_HARD if hard else METHODS
    args.methods = args.methods or (['baseline', 'control', 'staticswap-recolour'] if hard
                                    else ['baseline', 'albar'])
    unknown = [m for m in args.methods if m not in methods]
    if unknown:
        parser.error(f'--methods {unknown} are not available with --preset {args.preset}; '
                     f'choose from {sorted(methods)}')
    args.data_root = args.data_root or DATA_ROOTS[args.preset]
    args.out = args.out or ('work_dirs/demo_hard' if hard else 'work_dirs/demo')
    os.chdir(ROOT)
    t0 = time.time()

    import mmdebias  # noqa: F401
    from mmdebias.datasets.synthetic import generate_motion_shapes
    logging.getLogger('mmengine').setLevel(logging.WARNING)

    print(f'[demo] MotionShapes ({args.preset}) benchmark in {args.data_root} '
          f'(data seed {args.data_seed})')
    if hard:
        generate_motion_shapes(args.data_root, seed=args.data_seed, noise=args.noise,
                               bias=args.bias or 0.98, preset='hard')
    else:
        generate_motion_shapes(args.data_root, seed=args.data_seed, noise=args.noise,
                               bias=args.bias or 0.9)
    if 'stillmix-bank' in args.methods and not args.test_only:
        ensure_frame_bank(args.preset, args.data_root, args.out)
    results = {m: [] for m in args.methods}
    for seed in args.seeds:
        t1 = time.time()
        checkpoint = None
        if hard:
            pass  # every row trains from scratch
        elif args.reuse_pretrain and not args.test_only:
            checkpoint = existing_pretrain(seed, args.out)
        if hard or args.test_only:
            pass
        elif checkpoint:
            print(f'[demo] seed {seed}: reusing the pre-trained model {checkpoint}')
        else:
            print(f'[demo] seed {seed}: pre-training the plain model', flush=True)
            checkpoint = pretrain(seed, args.data_root, args.out, args.cfg_options)
            print(f'[demo] pre-training done in {time.time() - t1:.0f} s', flush=True)
        if args.test_only:
            print(f'[demo] seed {seed}: testing the trained models in {args.out}')
        for method in args.methods:
            t1 = time.time()
            if not args.test_only:
                what = 'training from scratch' if hard else 'fine-tuning'
                print(f'[demo] seed {seed}: {what} with {method}, then testing', flush=True)
            results[method].append(
                finetune_and_test(method, seed, args.data_root, args.out, checkpoint,
                                  args.cfg_options, test_only=args.test_only,
                                  config=methods[method]))
            print(f'[demo] {method} done in {time.time() - t1:.0f} s', flush=True)

    summary = summarise(results)
    table = format_table(summary, len(args.seeds))
    seeds = ', '.join(map(str, args.seeds))
    chance = 1 / (6 if hard else 4)
    print(f'\n[demo] MotionShapes ({args.preset}), {len(args.seeds)} seed(s) ({seeds}); '
          f'chance = {100 * chance:.1f}%\n{table}')
    os.makedirs(args.out, exist_ok=True)
    with open(osp.join(args.out, 'demo_results.json'), 'w') as f:
        json.dump(dict(preset=args.preset, seeds=args.seeds, data_seed=args.data_seed,
                       runs=results, summary=summary), f, indent=2)
    save_chart(summary, osp.join(args.out, 'demo_results.png'),
               f'MotionShapes ({args.preset}) static bias, seeds {seeds}', chance)
    print(f'[demo] table, JSON and bar chart in {args.out} '
          f'(demo_results.json / .png); total {time.time() - t0:.0f} s')


if __name__ == '__main__':
    main()
