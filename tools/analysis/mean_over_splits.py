"""Mean +- std of test metrics over dataset splits (SDN's protocol: UCF101 / HMDB51 report
the mean over their three splits).

    python tools/analysis/mean_over_splits.py RESULTS.json [RESULTS.json ...] \
        [--keys acc/top1 acc/top5] [--out mean.json]

Each RESULTS file is the metrics JSON ``tools/test.py --out`` writes for one split (e.g. the
best checkpoint of ``configs/transfer/..._ucf101-split{1,2,3}.py`` on its official test
list). Prints every metric per split and ``mean +- std`` (population std, as the project's
seed summaries) over the splits; ``--keys`` picks metrics (default: every numeric metric all
files have). A file that lacks a requested key, or a non-numeric value, is an error naming
the file and the key.
"""
import argparse
import json
import os.path as osp

from mmdebias.evaluation.functional import mean_std
from mmdebias.utils import write_json


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Mean +- std of metrics over splits')
    parser.add_argument('results', nargs='+', help='metrics JSON of each split (tools/test.py)')
    parser.add_argument('--keys', nargs='+', help='metrics to average (default: all shared)')
    parser.add_argument('--out', help='write per-split values and the summary as JSON')
    return parser.parse_args(argv)


def load_results(path: str) -> dict:
    if not osp.isfile(path):
        raise FileNotFoundError(f'mean_over_splits: {path} does not exist.')
    with open(path) as f:
        try:
            metrics = json.load(f)
        except json.JSONDecodeError as error:
            raise ValueError(f'mean_over_splits: {path} is not JSON ({error}); give the '
                             'metrics file tools/test.py --out writes.') from None
    if not isinstance(metrics, dict):
        raise ValueError(f'mean_over_splits: {path} holds a {type(metrics).__name__}, not '
                         'a dict of metrics.')
    return metrics


def main(argv=None) -> dict:
    args = parse_args(argv)
    runs = [load_results(p) for p in args.results]
    numeric = [{k for k, v in r.items() if isinstance(v, (int, float)) and
                not isinstance(v, bool)} for r in runs]
    keys = args.keys or sorted(set.intersection(*numeric))
    if not keys:
        raise ValueError('mean_over_splits: the files share no numeric metric.')
    for path, run in zip(args.results, runs):
        for key in keys:
            if key not in run:
                raise KeyError(f'mean_over_splits: {path} has no metric {key!r} (it has '
                               f'{sorted(run)}).')
            value = run[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                    value != value:
                raise ValueError(f'mean_over_splits: {path}: {key} = {value!r} is not a '
                                 'number.')
    summary = {key: mean_std([run[key] for run in runs]) for key in keys}
    width = max(len(k) for k in keys)
    print(f'{"metric":<{width}}  ' + '  '.join(f'split {i + 1:<4}' for i in range(len(runs)))
          + '  mean +- std')
    for key in keys:
        values = '  '.join(f'{run[key]:10.4f}' for run in runs)
        print(f'{key:<{width}}  {values}  {summary[key]["mean"]:.4f} +- '
              f'{summary[key]["std"]:.4f}')
    result = dict(files=list(args.results), per_split={k: [r[k] for r in runs] for k in keys},
                  summary=summary)
    if args.out:
        write_json(args.out, result)
    return result


if __name__ == '__main__':
    main()
