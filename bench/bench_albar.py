"""ALBAR cost benchmark (not a test): step time and peak memory against a plain step.

    python bench/bench_albar.py [--size 112] [--frames 8] [--batch 2] [--steps 3]

One run, one model (MMAction2 SlowOnly-R50, random init, 2 threads), one batch. Variants:

- ``plain``: stock Recognizer3D + I3DHead, cross entropy.
- ``albar``: DebiasRecognizer3D + StaticClipSampler + ALBARHead, penalty scaled to 0.
- ``albar+gp``: plus the gradient penalty every step (the model's default, no hook).
- ``albar+gp/4``: penalty every 4th step with weight x4 (``interval=4``); timed as the mean
  over 4 consecutive steps.
- ``reference``: a minimal plain-PyTorch two-pass implementation of the released design
  (motion pass, separate static pass, CE - CE_s + 4.25 * negent + 10 * GP) on the same
  backbone and head modules; ``reference/nogp`` without the penalty.

Step times (wall clock and process CPU time) are measured in this process, variants
interleaved round-robin to share any drift; printed as ratios to ``plain``. Peak memory is the rise of the process's peak RSS over its RSS
after building the model, measured for each variant in a fresh subprocess (a CPU process has
no resettable allocator peak), also as a ratio to ``plain``.
"""
import argparse
import copy
import json
import os
import subprocess
import sys
import time

import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

VARIANTS = ('plain', 'albar', 'albar+gp', 'albar+gp/4', 'reference/nogp', 'reference')


def quiet_init_logs():
    """Make a WARNING-level logger mmengine's current one: without a log file, mmengine logs
    one INFO line per parameter in ``init_weights`` (161 lines per SlowOnly-R50 build)."""
    from mmengine.logging import MMLogger
    if not MMLogger.check_instance_created('bench_albar'):
        MMLogger.get_instance('bench_albar', log_level='WARNING')


def build(variant, args):
    from mmaction.registry import MODELS
    from mmaction.utils import register_all_modules
    from mmengine.optim import OptimWrapper

    import mmdebias  # noqa: F401
    register_all_modules(init_default_scope=True)
    head = dict(type='I3DHead', in_channels=2048, num_classes=400, dropout_ratio=0.5,
                average_clips='prob')
    cfg = dict(
        type='Recognizer3D',
        backbone=dict(type='ResNet3dSlowOnly', depth=50, pretrained=None, lateral=False,
                      conv1_kernel=(1, 7, 7), conv1_stride_t=1, pool1_stride_t=1,
                      inflate=(0, 0, 1, 1), norm_eval=False),
        cls_head=head,
        data_preprocessor=dict(type='ActionDataPreprocessor', mean=[123.675, 116.28, 103.53],
                               std=[58.395, 57.12, 57.375], format_shape='NCTHW'))
    if variant.startswith('albar'):
        cfg['type'] = 'DebiasRecognizer3D'
        cfg['data_preprocessor']['type'] = 'StaticClipSampler'
        cfg['cls_head'] = dict(type='ALBARHead', head=head)
    torch.manual_seed(0)
    model = MODELS.build(cfg)
    quiet_init_logs()
    model.init_weights()
    model.train()
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9))
    return model, optim


def make_batch(args):
    from tests.conformance import make_batch as _make
    return _make(args.batch, (1, 3, args.frames, args.size, args.size), 400)


def reference_step(model, optim, batch, with_gp):
    """The released design in plain PyTorch: two passes, penalty on the static input."""
    x = torch.stack(batch['inputs']).float()
    x = (x - model.data_preprocessor.mean) / model.data_preprocessor.std
    x = x.flatten(0, 1)  # [B, C, T, H, W]
    y = torch.stack([s.gt_label for s in batch['data_samples']]).view(-1)
    backbone, head = model.backbone, model.cls_head
    loss = F.cross_entropy(head(backbone(x)), y)
    t = x.shape[2] // 2
    xs = x[:, :, t:t + 1].expand_as(x).contiguous().requires_grad_(with_gp)
    ss = head(backbone(xs))
    logp = F.log_softmax(ss, 1)
    loss = loss - F.cross_entropy(ss, y) + 4.25 * (logp.exp() * logp).sum(1).mean()
    if with_gp:
        (g, ) = torch.autograd.grad(ss.sum(), xs, create_graph=True)
        loss = loss + 10.0 * torch.sqrt(g.pow(2).sum(dim=(1, 2, 3)) + 1e-12).mean()
    optim.optimizer.zero_grad()
    loss.backward()
    optim.optimizer.step()


def step(variant, model, optim, batch, it):
    if variant.startswith('reference'):
        return reference_step(model, optim, batch, with_gp=variant == 'reference')
    # the model's penalty (w_g = 10) times GradientPenaltyHook's schedule factor
    if variant == 'albar':
        model.cls_head.set_gradient_penalty_scale(0.0)
    elif variant == 'albar+gp':
        model.cls_head.set_gradient_penalty_scale(1.0)
    elif variant == 'albar+gp/4':
        model.cls_head.set_gradient_penalty_scale(4.0 if it % 4 == 0 else 0.0)
    model.train_step(copy.deepcopy(batch), optim)


def rss_mb(field='VmRSS'):
    """Current (VmRSS) or peak (VmHWM) resident memory of this process in MB. VmHWM belongs
    to the address space, so unlike getrusage's ru_maxrss it does not inherit the parent's
    high-water mark across fork + exec."""
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(field + ':'):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f'{field} not in /proc/self/status')


def measure_memory(variant, args):
    """Child process: peak RSS rise (MB) over RSS after building and one warm-up step."""
    torch.set_num_threads(args.threads)
    model, optim = build('plain' if variant.startswith('reference') else variant, args)
    batch = make_batch(args)
    base = rss_mb()
    for it in range(4 if variant == 'albar+gp/4' else 2):
        step(variant, model, optim, batch, it)
    peak = rss_mb('VmHWM')
    print(json.dumps(dict(variant=variant, base=base, peak=peak)))


def main():
    parser = argparse.ArgumentParser(description='ALBAR step-time / memory benchmark')
    parser.add_argument('--size', type=int, default=112)
    parser.add_argument('--frames', type=int, default=8)
    parser.add_argument('--batch', type=int, default=2)
    parser.add_argument('--steps', type=int, default=4, help='measured steps per variant '
                        '(a multiple of 4 keeps albar+gp/4 exact)')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--memory-child', help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        return measure_memory(args.memory_child, args)
    torch.set_num_threads(args.threads)
    print(f'SlowOnly-R50, {args.frames}x{args.size}^2, batch {args.batch}, '
          f'{args.threads} threads, {args.steps} steps per variant')

    models = {v: build('plain' if v.startswith('reference') else v, args) for v in VARIANTS}
    batch = make_batch(args)
    times = {v: [] for v in VARIANTS}
    cpu_times = {v: [] for v in VARIANTS}
    for v in VARIANTS:  # warm-up
        step(v, *models[v], batch, 1)
    for it in range(args.steps):
        for v in VARIANTS:
            t0, c0 = time.perf_counter(), time.process_time()
            step(v, *models[v], batch, it)
            times[v].append(time.perf_counter() - t0)
            cpu_times[v].append(time.process_time() - c0)
    mean = {v: sum(t) / len(t) for v, t in times.items()}
    cpu = {v: sum(t) / len(t) for v, t in cpu_times.items()}

    mem = {}
    for v in VARIANTS:
        out = subprocess.run(
            [sys.executable, __file__, '--memory-child', v, '--size', str(args.size),
             '--frames', str(args.frames), '--batch', str(args.batch),
             '--threads', str(args.threads)], capture_output=True, text=True, check=True)
        rec = json.loads(out.stdout.strip().splitlines()[-1])
        mem[v] = max(rec['peak'] - rec['base'], 1.0)

    print(f'\n{"variant":<16}{"step s":>9}{"time x":>9}{"cpu s":>9}{"cpu x":>8}'
          f'{"peak MB":>10}{"mem x":>8}')
    for v in VARIANTS:
        print(f'{v:<16}{mean[v]:>9.3f}{mean[v] / mean["plain"]:>9.2f}{cpu[v]:>9.2f}'
              f'{cpu[v] / cpu["plain"]:>8.2f}{mem[v]:>10.0f}{mem[v] / mem["plain"]:>8.2f}')
    print(f'\nmmdebias / reference (wall | cpu): with GP '
          f'{mean["albar+gp"] / mean["reference"]:.3f} | {cpu["albar+gp"] / cpu["reference"]:.3f},'
          f' without GP {mean["albar"] / mean["reference/nogp"]:.3f} | '
          f'{cpu["albar"] / cpu["reference/nogp"]:.3f}')
    print('(wall = step time, cpu = process CPU time, less sensitive to other load; '
          'peak MB = rise of peak RSS over the post-build RSS, fresh process per variant)')
    print('targets: albar <= 2.0x, albar+gp <= 4.0x and within 5% of reference, '
          'albar+gp/4 <= 2.5x, peak memory with GP <= 3x')


if __name__ == '__main__':
    main()
