"""Bias-evaluation benchmark (not a test): metric time on 100k predictions and SCUBA
compositing throughput.

    python bench/bench_metrics.py [--num 100000] [--classes 51] [--scenes 365]

- ``StaticBiasMetric`` on ``--num`` predictions split over the four protocols (original,
  SCUBA, SCUFO, Confl-FG; every SCUBA clip paired with a SCUFO clip, two backgrounds):
  time of ``process`` (the data samples as the Evaluator hands them over) and of
  ``compute_metrics``.
- ``NMIFairnessMetric`` on ``--num`` predictions with ``--scenes`` attribute values.
- ``composite`` (frame * mask + background * (1 - mask)) on 256 x 340 frames, one thread:
  frames per second per core.

Prints the numbers; asserts nothing.
"""
import argparse
import os
import time

os.environ.setdefault('OMP_NUM_THREADS', '1')

import numpy as np  # noqa: E402
import torch  # noqa: E402
from mmaction.registry import METRICS  # noqa: E402

import mmdebias  # noqa: E402,F401
from mmdebias.preparation.synthetic.compositing import composite  # noqa: E402


def static_bias_samples(num, classes, rng):
    scores = torch.from_numpy(rng.random((num, classes), dtype=np.float32))
    labels = torch.from_numpy(rng.integers(0, classes, num))
    quarter = num // 4
    samples = []
    for i in range(num):
        protocol = ('original', 'scuba', 'scufo', 'conflfg')[min(i // quarter, 3)]
        sample = dict(pred_score=scores[i], gt_label=labels[i:i + 1], protocol=protocol,
                      background=('places', 'stripes')[i % 2])
        if protocol in ('scuba', 'scufo'):
            sample['pair_id'] = f'v{i % quarter}'
            sample['gt_label'] = labels[i % quarter:i % quarter + 1]
        if protocol == 'conflfg':
            sample['static_label'] = int((labels[i] + 1) % classes)
        samples.append(sample)
    return samples


def fairness_samples(num, classes, scenes, rng):
    scores = torch.from_numpy(rng.random((num, classes), dtype=np.float32))
    labels = torch.from_numpy(rng.integers(0, classes, num))
    scene = rng.integers(0, scenes, num)
    return [dict(pred_score=scores[i], gt_label=labels[i:i + 1], scene_label=int(scene[i]))
            for i in range(num)]


def time_metric(cfg, samples):
    metric = METRICS.build(cfg)
    start = time.perf_counter()
    metric.process({}, samples)
    processed = time.perf_counter()
    metrics = metric.compute_metrics(metric.results)
    done = time.perf_counter()
    return processed - start, done - processed, len(metrics)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--num', type=int, default=100_000)
    parser.add_argument('--classes', type=int, default=51)
    parser.add_argument('--scenes', type=int, default=365)
    parser.add_argument('--frames', type=int, default=64)
    parser.add_argument('--repeats', type=int, default=10)
    args = parser.parse_args()
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)

    samples = static_bias_samples(args.num, args.classes, rng)
    process_s, compute_s, keys = time_metric(dict(type='StaticBiasMetric'), samples)
    print(f'StaticBiasMetric, {args.num} predictions x {args.classes} classes: '
          f'process {process_s:.3f} s, compute_metrics {compute_s:.3f} s ({keys} keys)')

    samples = fairness_samples(args.num, args.classes, args.scenes, rng)
    process_s, compute_s, keys = time_metric(
        dict(type='NMIFairnessMetric', per_group=False), samples)
    print(f'NMIFairnessMetric, {args.num} predictions, {args.scenes} scene groups: '
          f'process {process_s:.3f} s, compute_metrics {compute_s:.3f} s ({keys} keys)')

    frames = rng.integers(0, 256, (args.frames, 256, 340, 3), dtype=np.uint8)
    yy, xx = np.mgrid[:256, :340]
    masks = np.repeat(((yy - 128) ** 2 + (xx - 170) ** 2 < 80 ** 2)[None], args.frames, 0)
    background = rng.integers(0, 256, (256, 340, 3), dtype=np.uint8)
    composite(frames, masks, background)  # warm-up
    start = time.perf_counter()
    for _ in range(args.repeats):
        composite(frames, masks, background)
    elapsed = time.perf_counter() - start
    print(f'SCUBA compositing, 256x340 frames, 1 core: '
          f'{args.frames * args.repeats / elapsed:.0f} frames/s')


if __name__ == '__main__':
    main()
