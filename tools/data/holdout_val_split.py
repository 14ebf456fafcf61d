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
    """Per-class split of annotation lines; a line without an integer label, or a repeated
    line (it would land in both splits), is a ``ValueError`` naming the line."""
    by_class, first = defaultdict(list), {}
    for i, line in enumerate(lines):
        fields = line.split()
        if len(fields) < 2:
            raise ValueError(f'line {i + 1} has no label: {line!r} (expected "path [...] label")')
        try:
            int(fields[-1])
        except ValueError:
            raise ValueError(f'line {i + 1}: the label {fields[-1]!r} is not an integer class '
                             f'index ({line!r})') from None
        if line in first:
            raise ValueError(f'line {i + 1} repeats line {first[line]} ({line!r}); every item '
                             'must appear once (it could land in both splits)')
        first[line] = i + 1
        by_class[fields[-1]].append(line)
    # not train_test_split(stratify=...): it does not keep a training and a holdout item in
    # every class (classes of 2-9 items at --fraction 0.1), and it would change the lists
    rng = random.Random(seed)
    train, holdout = [], []
    for label in sorted(by_class, key=lambda x: (len(x), x)):
        items = sorted(by_class[label])
        rng.shuffle(items)
        n = min(max(1, round(len(items) * fraction)), len(items) - 1) if len(items) > 1 else 0
        holdout += items[:n]
        train += items[n:]
    return train, holdout


def main(argv=None):
    parser = argparse.ArgumentParser(description='per-class holdout split of a train list')
    parser.add_argument('ann_file')
    parser.add_argument('--fraction', type=float, default=0.1)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    if not 0 < args.fraction < 1:
        raise SystemExit(f'--fraction must be in (0, 1), got {args.fraction}')
    with open(args.ann_file, encoding='utf-8') as f:
        lines = [line.strip() for line in f if line.strip()]
    if not lines:
        raise SystemExit(f'{args.ann_file}: no items (the list is empty)')
    try:
        train, holdout = split_lines(lines, args.fraction, args.seed)
    except ValueError as error:
        raise SystemExit(f'{args.ann_file}: {error}') from None
    stem = osp.splitext(args.ann_file)[0]
    for suffix, part in (('_trainsub.txt', train), ('_holdout.txt', holdout)):
        with open(stem + suffix, 'w') as f:
            f.writelines(line + '\n' for line in part)
        print(f'{stem + suffix}: {len(part)} items')


if __name__ == '__main__':
    main()
