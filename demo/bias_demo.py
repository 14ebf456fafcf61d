"""Does debiasing make a model rely on motion? The MotionShapes demo, on CPU in minutes.

    python demo/bias_demo.py [--preset hard] [--methods baseline control staticswap-recolour]
        [--seeds 0] [--out work_dirs/demo_hard]
    python demo/bias_demo.py --preset transfer [--methods baseline control albar ...]
        [--out work_dirs/demo_transfer]
    python demo/bias_demo.py --preset easy [--methods baseline albar] [--out work_dirs/demo]

``--preset hard`` (default): the shortcut-bound preset (six motion classes, two 98% static
cues); every method trains the network from scratch, ``control`` on an unbiased copy of the
training set; the ``repair-*-ft`` rows fine-tune the shortcut-bound plain model of the same
seed instead (6 epochs; the plain model is trained first if ``--out`` has none).
``--preset transfer``: the papers' regime -- the network is pre-trained once with plain cross
entropy on the unbiased source task (``mmdebias/preparation/synthetic/motion_shapes_source.py``:
six motions, only ``right`` shared with the target; generated in ``--source-root`` if absent),
and every row fine-tunes its backbone (classifier re-initialised) on the shortcut-bound target
for 6 epochs (``demo/demo_configs/motion_shapes_transfer/``); ``control`` on the unbiased copy,
``linear-probe`` the classifier only; source and target are drawn with the transfer camera
(the actor moves 1 pixel per frame, sensor noise of std 20: ``--speed`` / ``--noise``), the
target in ``data/synthetic/motion_shapes_transfer``. ``--preset easy``: the steps below.

1. generates the MotionShapes benchmark (mmdebias/preparation/synthetic/motion_shapes.py) if it
   is absent: clips whose class is the actor's direction of motion, with background and actor
   appearance planted as static shortcuts in training;
2. for every seed, pre-trains the tiny 3D ResNet of
   ``demo/demo_configs/motion_shapes/baseline_r3d18_tiny_motion_shapes.py`` with plain cross entropy
   (the analogue of the Kinetics-400 pre-training ALBAR starts from), then fine-tunes it with
   each method on the same schedule -- ``baseline`` (plain CE), ``control`` (plain CE on the
   unbiased copy of the training set), ``albar`` (ALBAR), ``albar-lnk`` (ALBAR, entropy
   weight rescaled to 4 classes), ``sdn`` (SDN's scene adversary), ``sdn-full`` (+ human-mask
   confusion), ``smad`` (SMAD: SAAR + scene and object adversaries), the comparison family
   (``stillmix-random``, ``stillmix-bank``, ``albar-stillmix``, ``be``, ``fame``,
   ``actorcutmix``, ``videomix``) and StaticSwap -- and tests every fine-tuned model on the
   original / SCUBA / SCUFO / Confl-FG / Confl-BG sets with StaticBiasMetric, all through
   mmengine's Runner and the stock configs (``stillmix-bank`` first builds StillMix's frame
   bank in the benchmark folder if it is absent);
3. prints the comparison table (mean ± std over seeds) and saves a bar chart and the numbers
   as JSON in ``--out`` (``mmdebias.evaluation``'s summary table and chart).

The configs read the benchmark folder from ``MMDEBIAS_MOTION_SHAPES`` (easy) /
``MMDEBIAS_MOTION_SHAPES_HARD`` (hard), mmengine's ``{{$VAR:default}}`` substitution in
their ``data_root``; the demo sets them to ``--data-root`` (the same variables point
``tools/train.py`` at another folder).

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

PRETRAIN = 'demo/demo_configs/motion_shapes/baseline_r3d18_tiny_motion_shapes.py'
METHODS = {
    'baseline': 'demo/demo_configs/motion_shapes/baseline-ft_r3d18_tiny_motion_shapes.py',
    # the unbiased control: the same fine-tuning on a copy of the training set whose static
    # cues are uniform over the classes (control_train.txt)
    'control': 'demo/demo_configs/motion_shapes/control_r3d18_tiny_motion_shapes.py',
    'albar': 'demo/demo_configs/motion_shapes/albar_r3d18_tiny_motion_shapes.py',
    # ALBAR with the entropy weight rescaled to 4 classes (see the config's header)
    'albar-lnk': 'demo/demo_configs/motion_shapes/albar-lnk_r3d18_tiny_motion_shapes.py',
    # SDN's scene adversary (background palette as the scene)
    'sdn': 'demo/demo_configs/motion_shapes/sdn_r3d18_tiny_motion_shapes.py',
    # full SDN: + human-mask confusion on the actor (its boxes from the generator)
    'sdn-full': 'demo/demo_configs/motion_shapes/sdn-full_r3d18_tiny_motion_shapes.py',
    # SMAD: SAAR neck + adversaries on scene (background) and object (actor shape)
    'smad': 'demo/demo_configs/motion_shapes/smad_r3d18_tiny_motion_shapes.py',
    # the comparison family (mmdebias.models.blendings)
    'stillmix-random': 'demo/demo_configs/motion_shapes/stillmix-random_r3d18_tiny_motion_shapes.py',
    # (its frame bank is built in the benchmark folder first if absent, see ensure_frame_bank)
    'stillmix-bank': 'demo/demo_configs/motion_shapes/stillmix-bank_r3d18_tiny_motion_shapes.py',
    'albar-stillmix': 'demo/demo_configs/motion_shapes/albar-stillmix_r3d18_tiny_motion_shapes.py',
    'be': 'demo/demo_configs/motion_shapes/be_r3d18_tiny_motion_shapes.py',
    'fame': 'demo/demo_configs/motion_shapes/fame_r3d18_tiny_motion_shapes.py',
    'actorcutmix': 'demo/demo_configs/motion_shapes/actorcutmix_r3d18_tiny_motion_shapes.py',
    'videomix': 'demo/demo_configs/motion_shapes/videomix_r3d18_tiny_motion_shapes.py',
    # StaticSwap (mmdebias)
    'staticswap': 'demo/demo_configs/motion_shapes/staticswap_r3d18_tiny_motion_shapes.py',
    'staticswap-recolour':
    'demo/demo_configs/motion_shapes/staticswap-recolour_r3d18_tiny_motion_shapes.py',
}
# The shortcut-bound preset ('hard', six motion classes, two 98% cues): every row trains the
# same network from scratch on the same budget; 'control' trains it on the unbiased copy.
HARD = 'demo/demo_configs/motion_shapes_hard/{}_r3d18_tiny_motion_shapes-hard.py'
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
    # ALBAR with mmdebias's bound on its adversarial term (ALBARObjective static_ce_bound)
    'albar-bounded': HARD.format('albar-bounded'),
    # ceiling: the benchmark's knowledge of the conflicting clips (oracle group weights)
    'oracle': HARD.format('oracle'),
    # fine-tuning protocol: the plain model of the same seed ('baseline', trained first if
    # absent from --out) fine-tuned 3 epochs; 'baseline-ft' is the control for those epochs
    'baseline-ft': HARD.format('baseline-ft'),
    'albar-ft': HARD.format('albar-ft'),
    'staticswap-recolour-ft': HARD.format('staticswap-recolour-ft'),
    # repairing the shortcut-bound model: 6 epochs from the plain model of the same seed;
    # 'repair-baseline-ft' (plain CE) is the reference, 'repair-control-ft' the same budget
    # on the unbiased copy, the others a method or a schedule change each
    **{name: HARD.format(name) for name in (
        'repair-baseline-ft', 'repair-control-ft', 'repair-albar-ft', 'repair-albar-bounded-ft',
        'repair-staticswap-recolour-ft', 'repair-staticswap-recolour-lr1e-3-ft',
        'repair-staticswap-recolour-layerlr-ft', 'repair-staticswap-recolour-sgd-ft',
        'repair-staticswap-recolour-head-ft', 'repair-staticswap-recolour-layer4-ft',
        'repair-staticswap-recolour-albar-ft', 'repair-staticswap-recolour-entropy-ft',
        'repair-baseline-sgd-ft', 'repair-staticswap-recolour-sgd3-ft')},
}
# The transfer preset (the papers' regime): a backbone pre-trained once with plain cross
# entropy on the unbiased source task (SOURCE: six motions, one shared with the target, no
# static bias; the analogue of Kinetics-400), then every row fine-tunes it -- its classifier
# re-initialised -- on the shortcut-bound target for 6 epochs (AdamW 1e-4); 'control' on the
# unbiased copy, 'linear-probe' trains only the classifier on the frozen backbone. Source and
# target are drawn with the transfer camera (TRANSFER_CAMERA: 1 px / frame, sensor noise 20).
SOURCE = 'demo/demo_configs/motion_shapes_transfer/source_r3d18_tiny_motion_shapes-source.py'
TRANSFER = 'demo/demo_configs/motion_shapes_transfer/{}_r3d18_tiny_motion_shapes-transfer.py'
METHODS_TRANSFER = {
    name: TRANSFER.format(name)
    for name in ('baseline', 'control', 'linear-probe', 'albar', 'albar-bounded', 'albar-stillmix',
                 'stillmix-random', 'stillmix-bank', 'be', 'fame', 'actorcutmix', 'videomix',
                 'sdn', 'sdn-full', 'smad', 'poe', 'lff', 'staticswap', 'staticswap-recolour',
                 # the re-warm schedule (SGD 0.05, warm-up): its plain, control and StaticSwap
                 'baseline-rewarm', 'control-rewarm', 'staticswap-recolour-rewarm')
}
DATA_ROOTS = dict(easy='data/synthetic/motion_shapes', hard='data/synthetic/motion_shapes_hard',
                  transfer='data/synthetic/motion_shapes_transfer')
SOURCE_ROOT = 'data/synthetic/motion_shapes_source'
# StillMix's 2D reference network, which scores the training frames for the frame bank
BANK_REFERENCES = dict(easy='demo/demo_configs/motion_shapes/ref-r2d18_1x1x1_motion_shapes.py',
                       hard='demo/demo_configs/motion_shapes_hard/ref-r2d18_1x1x1_motion_shapes-hard.py',
                       transfer='demo/demo_configs/motion_shapes_hard/ref-r2d18_1x1x1_motion_shapes-hard.py')
# The configs take the benchmark folder from these environment variables (mmengine's
# '{{$VAR:default}}' substitution in their data_root; _HARD: the hard preset's configs)
# (_SOURCE: the transfer preset's source task, read by SOURCE only)
DATA_ROOT_VARIABLES = ('MMDEBIAS_MOTION_SHAPES', 'MMDEBIAS_MOTION_SHAPES_HARD',
                       'MMDEBIAS_MOTION_SHAPES_SOURCE')
# rows of the comparison, as mmdebias.evaluation.format_summary_table reads them: (key,
# label) for a percentage, (key, label, scale, digits) otherwise
ROWS = [('bias/original_top1', 'original top-1'),
        ('bias/scuba_top1', 'SCUBA top-1'),
        ('bias/scufo_top1', 'SCUFO top-1'),
        ('bias/contrasted_acc', 'contrasted acc'),
        ('bias/conflfg_top1', 'Confl-FG top-1'),
        ('bias/conflfg_static_rate', 'Confl-FG static rate'),
        ('bias/conflbg_top1', 'Confl-BG top-1'),
        ('bias/conflbg_static_rate', 'Confl-BG static rate'),
        ('step_cost', 'train step cost (x base)', 1, 2)]


def load_config(config: str, data_root: str):
    """``Config.fromfile`` of ``config`` (relative to the repository) on the benchmark in
    ``data_root``: every path of the MotionShapes configs (lists, aspect labels, actor boxes,
    sample weights, frame bank) derives from their ``data_root``, which mmengine reads from
    the environment variables of ``DATA_ROOT_VARIABLES`` (set for this call only)."""
    from mmengine.config import Config

    saved = {name: os.environ.get(name) for name in DATA_ROOT_VARIABLES}
    os.environ.update({name: data_root for name in DATA_ROOT_VARIABLES})
    try:
        return Config.fromfile(osp.join(ROOT, config))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name)
            else:
                os.environ[name] = value


def build_runner(config: str, name: str, seed: int, data_root: str, out_dir: str,
                 load_from=None, cfg_options=None):
    from mmengine.runner import Runner

    cfg = load_config(config, data_root)
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
        bank, '--short-side', '32', '--crop-size', '32'
    ], check=True, cwd=ROOT, env={**os.environ, **{v: data_root for v in DATA_ROOT_VARIABLES}})
    return bank


def pretrain(seed: int, data_root: str, out_dir: str, cfg_options=None,
             config: str = PRETRAIN) -> str:
    runner = build_runner(config, 'pretrain', seed, data_root, out_dir,
                          cfg_options=cfg_options)
    runner.train()
    return osp.join(runner.work_dir, f'epoch_{runner.max_epochs}.pth')


def backbone_checkpoint(checkpoint: str, out_path: str) -> str:
    """Save the ``backbone.*`` weights of ``checkpoint`` as ``out_path`` (mmengine's
    checkpoint format), to start a fine-tune whose classifier keeps its fresh init: mmengine
    loads ``load_from`` non-strictly, so the missing head (and any method's extra modules)
    stay as built."""
    import torch
    state = torch.load(checkpoint, map_location='cpu', weights_only=False)
    weights = {k: v for k, v in state['state_dict'].items() if k.startswith('backbone.')}
    if not weights:
        raise ValueError(f'backbone_checkpoint: {checkpoint} holds no backbone.* weights; '
                         'pass a checkpoint of a Recognizer3D (e.g. the source model).')
    os.makedirs(osp.dirname(osp.abspath(out_path)), exist_ok=True)
    torch.save(dict(state_dict=weights, meta=dict(source=osp.abspath(checkpoint))), out_path)
    return out_path


def source_pretrain(source_root: str, out_dir: str, seed: int = 0, cfg_options=None) -> tuple:
    """The transfer preset's source model, trained once: plain cross entropy on the source
    task in ``source_root`` (``SOURCE``), tested on its held-out clips. Returns the path of
    its backbone-only checkpoint (``<out_dir>/source_backbone.pth``) and its metrics
    (``acc/top1`` on the source's val.txt), both reused if an earlier run left them."""
    work_dir = osp.join(out_dir, f'source_seed{seed}')
    metrics_file = osp.join(work_dir, 'source_metrics.json')
    backbone = osp.join(out_dir, 'source_backbone.pth')
    with open(osp.join(source_root, 'meta.json')) as f:
        classes = json.load(f)['classes']
    checkpoint = existing_checkpoint(work_dir)
    if checkpoint and osp.isfile(metrics_file) and osp.isfile(backbone):
        with open(metrics_file) as f:
            metrics = json.load(f)
        # (a source model of another source task, e.g. an older --out, is trained anew)
        if metrics.get('classes') == classes:
            return backbone, metrics
        print(f'[demo] {work_dir} holds a source model of the classes '
              f'{metrics.get("classes")}, not {classes}: training it anew', flush=True)
    options = {'model.cls_head.num_classes': len(classes), **(cfg_options or {})}
    runner = build_runner(SOURCE, 'source', seed, source_root, out_dir, cfg_options=options)
    runner.train()
    metrics = {k: float(v) for k, v in runner.test().items()}
    metrics['classes'] = classes
    checkpoint = osp.join(runner.work_dir, f'epoch_{runner.max_epochs}.pth')
    backbone_checkpoint(checkpoint, backbone)
    with open(metrics_file, 'w') as f:
        json.dump(metrics, f, indent=2)
    return backbone, metrics


def existing_pretrain(seed: int, out_dir: str):
    """The checkpoint a finished pre-training of ``seed`` left in ``out_dir``, or None."""
    return existing_checkpoint(osp.join(out_dir, f'pretrain_seed{seed}'))


def existing_checkpoint(work_dir: str):
    """The last checkpoint a finished run left in ``work_dir`` (mmengine's
    ``last_checkpoint`` file), or None."""
    from mmengine.runner import find_latest_checkpoint
    checkpoint = find_latest_checkpoint(work_dir)
    # (mmengine returns the recorded path even if that file was deleted since)
    return checkpoint if checkpoint and osp.isfile(checkpoint) else None


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
    from mmdebias.utils import safe_checkpoint_loading
    runner = build_runner(config, method, seed, data_root, out_dir, checkpoint,
                          cfg_options)
    step_time = None
    with safe_checkpoint_loading():  # load_from: the pre-trained / fine-tuned model
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
    """method -> key -> (mean, std) over seeds (``mmdebias.evaluation.summarise_runs``) of the
    ROWS; ``step_cost`` is each run's median step time over the baseline's of the same seed
    (same process, same machine)."""
    from mmdebias.evaluation import summarise_runs

    base = results.get('baseline')
    if base:
        for runs in results.values():
            for run, ref in zip(runs, base):
                if 'step_time' in run and 'step_time' in ref:
                    run['step_cost'] = run['step_time'] / ref['step_time']
    return summarise_runs(results, keys=[row[0] for row in ROWS])


def main():
    parser = argparse.ArgumentParser(description='MotionShapes static-bias demo')
    parser.add_argument('--preset', choices=['easy', 'hard', 'transfer'], default='hard',
                        help="'easy': four directions, one 90%% cue draw, pre-train + "
                        "fine-tune protocol; 'hard': the shortcut-bound preset (six motion "
                        'classes, two independent 98%% cues), every row trained from scratch, '
                        "with the unbiased 'control' row; 'transfer': the papers' regime, a "
                        'backbone pre-trained once on an unbiased source task, every row '
                        'fine-tuning it (head re-initialised) on the shortcut-bound target')
    parser.add_argument('--methods', nargs='+', default=None,
                        choices=sorted(set(METHODS) | set(METHODS_HARD) |
                                       set(METHODS_TRANSFER)),
                        help='default: baseline control staticswap-recolour (hard), '
                        'baseline control staticswap-recolour-rewarm (transfer: mmdebias\'s '
                        'fine-tune recipe), baseline albar (easy)')
    parser.add_argument('--source-root', default=SOURCE_ROOT,
                        help='--preset transfer: the source task folder (generated if absent)')
    parser.add_argument('--source-seed', type=int, default=0,
                        help='--preset transfer: data and training seed of the source model, '
                        'trained once and shared by every fine-tune seed')
    parser.add_argument('--seeds', nargs='+', type=int, default=[0])
    parser.add_argument('--data-seed', type=int, default=0)
    parser.add_argument('--bias', type=float, default=None,
                        help='benchmark bias (default: 0.9 easy, 0.98 hard)')
    parser.add_argument('--noise', type=float, default=None,
                        help='benchmark sensor noise, std in grey levels (see '
                        'tools/data/make_motion_shapes.py); default 0, 20 with --preset '
                        'transfer')
    parser.add_argument('--speed', type=float, default=None,
                        help='actor speed in pixels per frame, x U(0.75, 1.25); default 2, 1 '
                        'with --preset transfer, whose source task is drawn with the same '
                        'speed and noise (the same camera)')
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
    transfer = args.preset == 'transfer'
    hard = args.preset == 'hard'
    methods = dict(hard=METHODS_HARD, transfer=METHODS_TRANSFER).get(args.preset, METHODS)
    args.methods = args.methods or dict(
        easy=['baseline', 'albar'], hard=['baseline', 'control', 'staticswap-recolour'],
        transfer=['baseline', 'control', 'staticswap-recolour-rewarm'])[args.preset]
    unknown = [m for m in args.methods if m not in methods]
    if unknown:
        parser.error(f'--methods {unknown} are not available with --preset {args.preset}; '
                     f'choose from {sorted(methods)}')
    args.data_root = args.data_root or DATA_ROOTS[args.preset]
    from mmdebias.preparation.synthetic.motion_shapes_source import TRANSFER_CAMERA
    camera = TRANSFER_CAMERA if transfer else dict(speed=2.0, noise=0.0)
    args.speed = camera['speed'] if args.speed is None else args.speed
    args.noise = camera['noise'] if args.noise is None else args.noise
    args.out = args.out or dict(hard='work_dirs/demo_hard',
                                transfer='work_dirs/demo_transfer').get(args.preset,
                                                                         'work_dirs/demo')
    os.chdir(ROOT)
    t0 = time.time()

    import mmdebias  # noqa: F401
    from mmdebias.preparation.synthetic import generate_motion_shapes
    logging.getLogger('mmengine').setLevel(logging.WARNING)
    from mmengine.logging import MMLogger  # (its INFO lines, e.g. config variable substitution)
    MMLogger.get_current_instance().setLevel(logging.WARNING)

    print(f'[demo] MotionShapes ({args.preset}) benchmark in {args.data_root} '
          f'(data seed {args.data_seed})')
    if hard or transfer:
        generate_motion_shapes(args.data_root, seed=args.data_seed, noise=args.noise,
                               speed=args.speed, bias=args.bias or 0.98, preset='hard')
    else:
        generate_motion_shapes(args.data_root, seed=args.data_seed, noise=args.noise,
                               speed=args.speed, bias=args.bias or 0.9)
    if 'stillmix-bank' in args.methods and not args.test_only:
        ensure_frame_bank(args.preset, args.data_root, args.out)
    results = {m: [] for m in args.methods}
    source = None
    if transfer and not args.test_only:
        from mmdebias.preparation.synthetic import generate_motion_shapes_source
        t1 = time.time()
        print(f'[demo] source task in {args.source_root} (seed {args.source_seed}); '
              'pre-training the source model (once; reused if --out has it)', flush=True)
        generate_motion_shapes_source(args.source_root, seed=args.source_seed,
                                      speed=args.speed, noise=args.noise)
        backbone, source = source_pretrain(args.source_root, args.out, args.source_seed,
                                           args.cfg_options)
        print(f'[demo] source model: top-1 {100 * source["acc/top1"]:.1f}% on its held-out '
              f'clips (chance {100 / len(source["classes"]):.1f}%), backbone {backbone} '
              f'({time.time() - t1:.0f} s)', flush=True)
    for seed in args.seeds:
        t1 = time.time()
        checkpoint = backbone if source else None
        finetune = hard and any(m.endswith('-ft') for m in args.methods)
        if transfer or (hard and not finetune):
            pass  # every row fine-tunes the source backbone / trains from scratch
        elif (args.reuse_pretrain or hard) and not args.test_only:
            # (hard: the plain model a 'baseline' run of this seed left in --out)
            checkpoint = existing_pretrain(seed, args.out) or (hard and existing_checkpoint(
                osp.join(args.out, f'baseline_seed{seed}')))
        if transfer or (hard and not finetune) or args.test_only:
            pass
        elif checkpoint:
            print(f'[demo] seed {seed}: reusing the pre-trained model {checkpoint}')
        else:
            print(f'[demo] seed {seed}: pre-training the plain model', flush=True)
            checkpoint = pretrain(seed, args.data_root, args.out, args.cfg_options,
                                  METHODS_HARD['baseline'] if hard else PRETRAIN)
            print(f'[demo] pre-training done in {time.time() - t1:.0f} s', flush=True)
        if args.test_only:
            print(f'[demo] seed {seed}: testing the trained models in {args.out}')
        for method in args.methods:
            t1 = time.time()
            if not args.test_only:
                scratch = hard and not method.endswith('-ft')
                what = 'training from scratch' if scratch else 'fine-tuning'
                print(f'[demo] seed {seed}: {what} with {method}, then testing', flush=True)
            start = None if hard and not method.endswith('-ft') else checkpoint
            results[method].append(
                finetune_and_test(method, seed, args.data_root, args.out, start,
                                  args.cfg_options, test_only=args.test_only,
                                  config=methods[method]))
            print(f'[demo] {method} done in {time.time() - t1:.0f} s', flush=True)

    from mmdebias.evaluation import format_summary_table, save_summary_chart
    summary = summarise(results)
    table = format_summary_table(summary, ROWS, len(args.seeds))
    seeds = ', '.join(map(str, args.seeds))
    chance = 1 / (4 if args.preset == 'easy' else 6)
    print(f'\n[demo] MotionShapes ({args.preset}), {len(args.seeds)} seed(s) ({seeds}); '
          f'chance = {100 * chance:.1f}%\n{table}')
    os.makedirs(args.out, exist_ok=True)
    with open(osp.join(args.out, 'demo_results.json'), 'w') as f:
        json.dump(dict(preset=args.preset, seeds=args.seeds, data_seed=args.data_seed,
                       runs=results, summary=summary, source=source), f, indent=2)
    save_summary_chart(summary, osp.join(args.out, 'demo_results.png'),
                       [row for row in ROWS if row[0] != 'step_cost'],
                       f'MotionShapes ({args.preset}) static bias, seeds {seeds}', chance)
    print(f'[demo] table, JSON and bar chart in {args.out} '
          f'(demo_results.json / .png); total {time.time() - t0:.0f} s')


if __name__ == '__main__':
    main()
