"""Training-step cost of the MotionShapes method configs (not a test), as ratios to the plain
model measured in the same process.

    python bench/bench_method_cost.py [--preset hard] [--methods baseline staticswap-p75 ...]
        [--steps 20] [--threads 1]

Every method's config (demo/bias_demo.py's table) is built as its stock recognizer with its
data preprocessor (static clips, blendings) and head (objectives); one real batch of the
benchmark (batch 16) is loaded once; each variant runs ``train_step`` (preprocessing,
forward, backward, SGD update) ``--steps`` times, the variants interleaved round-robin so
that machine drift hits them alike. Printed: median step time and its ratio to ``baseline``.
Hooks are not run (ALBAR's penalty is in the model: on at every step, as without a hook).
"""
import argparse
import copy
import os
import os.path as osp
import statistics
import sys
import time

import torch

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, ROOT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--preset', choices=['easy', 'hard', 'transfer'], default='hard')
    parser.add_argument('--methods', nargs='+', default=None)
    parser.add_argument('--steps', type=int, default=20)
    parser.add_argument('--threads', type=int, default=1)
    args = parser.parse_args()
    if args.steps < 1 or args.threads < 1:
        parser.error('--steps and --threads must be >= 1')
    os.chdir(ROOT)
    torch.set_num_threads(args.threads)

    from mmaction.registry import MODELS
    from mmaction.utils import register_all_modules
    from mmengine.dataset import pseudo_collate
    from mmengine.optim import OptimWrapper
    from mmengine.runner import Runner

    import mmdebias  # noqa: F401
    from mmdebias.preparation.synthetic import generate_motion_shapes
    from tests.scripts import load_script
    register_all_modules(init_default_scope=True)
    demo = load_script('demo/bias_demo.py')
    table = dict(hard=demo.METHODS_HARD, transfer=demo.METHODS_TRANSFER).get(args.preset,
                                                                             demo.METHODS)
    methods = args.methods or list(table)
    unknown = [m for m in methods if m not in table]
    if unknown:
        parser.error(f'unknown methods {unknown}; choose from {sorted(table)}')
    if 'baseline' not in methods:
        methods = ['baseline'] + methods
    data_root = demo.DATA_ROOTS[args.preset]
    if args.preset == 'transfer':  # the hard preset's classes, drawn with the transfer camera
        from mmdebias.preparation.synthetic.motion_shapes_source import TRANSFER_CAMERA
        generate_motion_shapes(data_root, seed=0, bias=0.98, preset='hard', **TRANSFER_CAMERA)
    elif args.preset == 'hard':
        generate_motion_shapes(data_root, seed=0, bias=0.98, preset='hard')
    else:
        generate_motion_shapes(data_root, seed=0)

    variants = {}
    for method in methods:
        cfg = demo.load_config(table[method], data_root)
        dataset = Runner.build_dataloader(dict(
            cfg.train_dataloader, num_workers=0, persistent_workers=False,
            sampler=dict(type='DefaultSampler', shuffle=False)), seed=0).dataset
        batch = pseudo_collate([dataset[i] for i in range(16)])
        torch.manual_seed(0)
        model = MODELS.build(copy.deepcopy(cfg.model))
        model.train()
        optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=1e-4))
        variants[method] = (model, batch, optim, [])
    for _ in range(2):  # warm-up
        for model, batch, optim, _ in variants.values():
            model.train_step(copy.copy(batch), optim)
    for _ in range(args.steps):
        for model, batch, optim, times in variants.values():
            t0 = time.perf_counter()
            model.train_step(copy.copy(batch), optim)
            times.append(time.perf_counter() - t0)
    base = statistics.median(variants['baseline'][3])
    print(f'{"method":24s} {"step (s)":>9s} {"x baseline":>11s}')
    for method, (_, _, _, times) in variants.items():
        median = statistics.median(times)
        print(f'{method:24s} {median:9.3f} {median / base:11.2f}')


if __name__ == '__main__':
    main()
