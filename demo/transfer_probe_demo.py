"""Does a debiased backbone transfer better to a motion-only target? A linear probe on
MotionShapes, on CPU in minutes.

    python demo/bias_demo.py --preset hard --methods baseline staticswap-recolour \
        --seeds 0 1 2 --out work_dirs/probe_demo          # trains the models (once)
    python demo/transfer_probe_demo.py --out work_dirs/probe_demo \
        [--methods baseline staticswap-recolour] [--seeds 0 1 2]

For every method and seed whose trained model ``demo/bias_demo.py`` left in ``--out``:

1. exports it as a stock backbone (``tools/model_converters/export_stock_checkpoint.py
   --drop-head``: debiasing parts and the action head dropped, checked by a strict load);
2. linear-probes the frozen backbone with ``tools/analysis/linear_probe.py`` in the *plain*
   model's stock config (``demo/demo_configs/motion_shapes_hard/baseline_r3d18_tiny_motion_shapes-
   hard.py``) on the motion-only targets of ``demo/demo_configs/motion_shapes_hard/
   linear-probe_motion-shapes-hard_{scuba,conflbg}.py``: a logistic regression on the penultimate features of the
   unbiased control training list (static cues uniform over the classes), tested on the SCUBA
   and Confl-BG clips;
3. prints top-1 mean +- std over the seeds (``mmdebias.evaluation.summarise_runs``), next
   to the trained model's own head on the same clips (its ``bias_metrics.json``), and writes
   ``<out>/transfer_probe.json``.
"""
import argparse
import json
import os
import os.path as osp
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
sys.path.insert(0, ROOT)

STOCK_CONFIG = 'demo/demo_configs/motion_shapes_hard/baseline_r3d18_tiny_motion_shapes-hard.py'
TARGETS = dict(scuba='demo/demo_configs/motion_shapes_hard/linear-probe_motion-shapes-hard_scuba.py',
               conflbg='demo/demo_configs/motion_shapes_hard/linear-probe_motion-shapes-hard_conflbg.py')
ROWS = [('probe/scuba_top1', 'probe SCUBA top-1'), ('probe/conflbg_top1', 'probe Confl-BG top-1'),
        ('bias/scuba_top1', 'own head: SCUBA top-1'),
        ('bias/conflbg_top1', 'own head: Confl-BG top-1')]


def load_tool(relpath: str):
    import importlib.util
    spec = importlib.util.spec_from_file_location(osp.splitext(osp.basename(relpath))[0],
                                                  osp.join(ROOT, relpath))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description='Linear probe of MotionShapes backbones')
    parser.add_argument('--out', default='work_dirs/probe_demo',
                        help='the --out folder of demo/bias_demo.py --preset hard')
    parser.add_argument('--methods', nargs='+', default=['baseline', 'staticswap-recolour'])
    parser.add_argument('--seeds', nargs='+', type=int, default=[0, 1, 2])
    parser.add_argument('--data-root', default='data/synthetic/motion_shapes_hard')
    parser.add_argument('--num-workers', type=int, default=2)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    os.environ['MMDEBIAS_MOTION_SHAPES_HARD'] = args.data_root
    bias_demo = load_tool('demo/bias_demo.py')
    export = load_tool('tools/model_converters/export_stock_checkpoint.py')
    probe = load_tool('tools/analysis/linear_probe.py')
    results, t0 = {m: [] for m in args.methods}, time.time()
    for method in args.methods:
        config = bias_demo.METHODS_HARD[method]
        for seed in args.seeds:
            checkpoint = bias_demo.existing_checkpoint(osp.join(args.out, f'{method}_seed{seed}'))
            if checkpoint is None:
                raise FileNotFoundError(
                    f'no trained {method} model of seed {seed} in {args.out}; run python '
                    f'demo/bias_demo.py --preset hard --methods {method} --seeds {seed} '
                    f'--out {args.out} first.')
            stock = osp.join(args.out, 'stock', f'{method}_seed{seed}_backbone.pth')
            export.main([config, checkpoint, stock, '--drop-head'])
            result = probe.main([STOCK_CONFIG, stock, '--data', *TARGETS.values(),
                                 '--num-workers', str(args.num_workers), '--batch-size', '16',
                                 '--out', osp.join(args.out, 'stock', f'{method}_seed{seed}'
                                                   '_probe.json')])
            run = {f'probe/{name}_top1': split['top1']
                   for name, split in zip(TARGETS, result['splits'])}
            # for comparison: the trained model's own head on the same test clips
            metrics = osp.join(args.out, f'{method}_seed{seed}', 'bias_metrics.json')
            if osp.isfile(metrics):
                with open(metrics) as f:
                    own = json.load(f)
                run.update({k: own[k] for k in ('bias/scuba_top1', 'bias/conflbg_top1')
                            if k in own})
            results[method].append(run)
            print(f'[probe] {method} seed {seed}: ' + ', '.join(
                f'{k} {100 * v:.1f}' for k, v in run.items()), flush=True)
    from mmdebias.evaluation import format_summary_table, summarise_runs
    summary = summarise_runs(results, keys=[key for key, _ in ROWS])
    table = format_summary_table(summary, ROWS, len(args.seeds))
    print(f'\n[probe] MotionShapes (hard), linear probe of the frozen backbones, '
          f'{len(args.seeds)} seed(s); chance = 16.7%\n{table}\n'
          f'total {time.time() - t0:.0f} s')
    with open(osp.join(args.out, 'transfer_probe.json'), 'w') as f:
        json.dump(dict(seeds=args.seeds, runs=results, summary=summary), f, indent=2)
    return summary


if __name__ == '__main__':
    main()
