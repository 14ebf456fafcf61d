"""Run the bad-input campaign and print the component x verdict table.

    python bench/bad_input_campaign.py [--area datasets metrics losses tools new_components rest_of_21]
        [--details] [--json out.json]

The cases are those of ``tests/test_reliability/test_bad_inputs_<area>.py`` (the tests
assert that each ends in a clear error or a documented correct result); this script runs
them outside pytest and reports how each actually ends (verdicts in
``tests/test_reliability/campaign.py``): clear error, correct, unclear error, silent, NaN or
crash. Cases that may crash run in a forked child process.
"""
import argparse
import importlib
import json
import os
import os.path as osp
import sys
import tempfile
import time
from collections import Counter, defaultdict

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

AREAS = ('datasets', 'metrics', 'losses', 'tools', 'new_components', 'rest_of_21',
         'transfer')


def main(argv=None):
    parser = argparse.ArgumentParser(description='bad-input campaign')
    parser.add_argument('--area', nargs='+', choices=AREAS, default=list(AREAS))
    parser.add_argument('--details', action='store_true', help='print every case')
    parser.add_argument('--json', help='write {case id: [component, verdict, detail]}')
    args = parser.parse_args(argv)

    import torch
    from mmaction.utils import register_all_modules

    import mmdebias  # noqa: F401
    register_all_modules(init_default_scope=True)
    torch.set_num_threads(1)
    from tests.test_reliability.campaign import classify, table

    rows, out = defaultdict(Counter), {}
    start = time.time()
    for area in args.area:
        module = importlib.import_module(f'tests.test_reliability.test_bad_inputs_{area}')
        for case in module.CASES:
            with tempfile.TemporaryDirectory() as tmp:
                cwd, t0 = os.getcwd(), time.time()
                try:
                    verdict, detail = classify(case, tmp)
                finally:
                    os.chdir(cwd)
                seconds = time.time() - t0
            rows[case.component][verdict] += 1
            out[case.id] = [case.component, verdict, detail]
            if args.details:
                first = detail.strip().splitlines()[0][:160] if detail.strip() else ''
                print(f'{verdict:8s} {seconds:5.1f}s {case.id}: {first}', flush=True)
    print(table(rows))
    print(f'{len(out)} cases in {time.time() - start:.1f} s')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(out, f, indent=1, ensure_ascii=False)


if __name__ == '__main__':
    main()
