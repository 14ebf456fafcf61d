"""Facet-based train/test re-distribution (K200db-style; Duan et al., ECCV 2022).

    python tools/data/facet_split.py LIST OUT_DIR --min-test 50 [--train-per-class N]
        [--pseudo-labels scene.npz] [--data-root DIR] [--prefix NAME] [--seed 0]

Per action class, videos are ranked by the within-class frequency of their facet label (a
pseudo scene label, or any other aspect); whole facet groups, rarest first, go to ``test``
until it holds at least ``--min-test`` videos (at least one group stays for training);
``train`` is a random sample (``--train-per-class``, default all) of the rest. Classes that
cannot satisfy this are dropped and listed. Writes ``OUT_DIR/<prefix>_{train,test}.txt``
(MMAction2 annotation files) and prints NMI(action, facet) of train, test and of a random
split with the same per-class sizes (paper, Table 10: train more biased than random, test
less). Input formats as for ``tools/data/omnidebias_select.py``.
"""
import argparse
import os
import os.path as osp

from mmdebias.preparation.bias_splits import facet_split, random_split_like, read_items
from mmdebias.evaluation.functional import nmi


def main(argv=None):
    parser = argparse.ArgumentParser(description='K200db-style facet-based split')
    parser.add_argument('list', help='.txt or .json list with action and facet labels')
    parser.add_argument('out_dir')
    parser.add_argument('--min-test', type=int, required=True,
                        help='at least this many test videos per class (paper: 50)')
    parser.add_argument('--train-per-class', type=int, default=None)
    parser.add_argument('--pseudo-labels', default=None, help='facet pseudo-label .npz')
    parser.add_argument('--data-root', default=None)
    parser.add_argument('--prefix', default=None, help='default: the list name')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    items = read_items(args.list, args.pseudo_labels, args.data_root)
    labels = [it['label'] for it in items]
    facets = [it['facet'] for it in items]
    train, test, skipped = facet_split(labels, facets, args.min_test, args.train_per_class,
                                       seed=args.seed)
    if not test:
        raise SystemExit(f'{args.list}: no class can hold out {args.min_test} videos in whole '
                         'facet groups and keep one group for training; lower --min-test.')
    for y, why in sorted(skipped.items()):
        print(f'class {y} dropped: {why}')
    r_train, r_test = random_split_like(labels, train, test, seed=args.seed)
    prefix = args.prefix or osp.splitext(osp.basename(args.list))[0]
    os.makedirs(args.out_dir, exist_ok=True)
    scores = {}
    for name, idx in (('train', train), ('test', test)):
        path = osp.join(args.out_dir, f'{prefix}_{name}.txt')
        with open(path, 'w') as f:
            f.writelines(items[i]['line'] + '\n' for i in idx)
        print(f'{name}: {len(idx)} items -> {path}')
    for name, idx in (('train', train), ('test', test), ('rand_train', r_train),
                      ('rand_test', r_test)):
        scores[name] = nmi([labels[i] for i in idx], [facets[i] for i in idx])
        print(f'NMI(action, facet) {name:>10}: {scores[name]:.4f}')
    return scores


if __name__ == '__main__':
    main()
