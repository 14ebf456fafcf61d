"""Hold out a per-class validation split from an MMAction2 training list.

    python tools/data/holdout_val_split.py data/hmdb51/hmdb51_train_split_1_videos.txt \
        [--fraction 0.1] [--seed 0]

Writes ``<list>_trainsub.txt`` and ``<list>_holdout.txt`` next to the list (VideoDataset /
RawframeDataset lines; the label is the last field). Checkpoint selection then uses the
holdout list, and the official test split stays untouched until the final evaluation.
Every class keeps at least one training and (if it has >= 2 items) one holdout item.
"""
import argparse
import os.path as osp
import random
from collections import defaultdict


def split_lines(lines, fraction, seed):
    by_class = defaultdict(list)
    for i, line in enumerate(lines):
        fields = line.split()
        if len(fields) < 2:
            raise ValueError(f'line {i + 1} has no label: {line!r} (expected "path [...] label")')
        by_class[fields[-1]].append(line)
    rng = random.Random(seed)
    train, holdout = [], []
    for label in sorted(by_class, key=lambda x: (len(x), x)):
        items = sorted(by_class[label])
        rng.shuffle(items)
        n = min(max(1, round(len(items) * fraction)), len(items) - 1) if len(items) > 1 else 0
        holdout += items[:n]
        train += items[n:]
    return train, holdout


def main():
    parser = argparse.ArgumentParser(description='per-class holdout split of a train list')
    parser.add_argument('ann_file')
    parser.add_argument('--fraction', type=float, default=0.1)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()
    if not 0 < args.fraction < 1:
        raise SystemExit(f'--fraction must be in (0, 1), got {args.fraction}')
    with open(args.ann_file) as f:
        lines = [line.strip() for line in f if line.strip()]
    train, holdout = split_lines(lines, args.fraction, args.seed)
    stem = osp.splitext(args.ann_file)[0]
    for suffix, part in (('_trainsub.txt', train), ('_holdout.txt', holdout)):
        with open(stem + suffix, 'w') as f:
            f.writelines(line + '\n' for line in part)
        print(f'{stem + suffix}: {len(part)} items')


if __name__ == '__main__':
    main()
