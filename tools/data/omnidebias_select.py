"""OmniDebias web-data selection (Duan et al., ECCV 2022): bias / mid / unbias thirds.

    python tools/data/omnidebias_select.py LIST OUT_DIR [--pseudo-labels scene.npz]
        [--data-root DIR] [--prefix NAME] [--seed 0]

Per action class, the auxiliary (web) items are sorted by the within-class frequency of their
pseudo scene label and cut into three equal parts; ``bias`` holds the most common scenes of
the class, ``unbias`` the rarest; ``rand`` is a random sample of the size of ``unbias``
(see :func:`mmdebias.preparation.bias_splits.omnidebias_select`). OmniDebias co-trains on
``unbias``. Writes ``OUT_DIR/<prefix>_{bias,mid,unbias,rand}.txt`` as MMAction2 annotation
files and prints NMI(action, scene) of each part (paper, Table 12: ``unbias`` lowest).

Input formats (:func:`mmdebias.preparation.bias_splits.read_items`):

- text ``path [fields ...] label scene`` per line (an MMAction2 line with the scene id
  appended), written back without the scene;
- JSON list of ``{"filename": ..., "label": int, "scene": int}``;
- a plain MMAction2 list plus ``--pseudo-labels`` (the ``.npz`` of
  ``tools/data/extract_pseudo_labels.py``; scene = its ``top1``, keyed as that tool keys
  videos, so pass the same ``--data-root``).
"""
import argparse
import os
import os.path as osp

from mmdebias.preparation.bias_splits import omnidebias_select, read_items
from mmdebias.evaluation.functional import nmi

PARTS = ('bias', 'mid', 'unbias', 'rand')


def main(argv=None):
    parser = argparse.ArgumentParser(description='OmniDebias bias/mid/unbias selection')
    parser.add_argument('list', help='.txt or .json list with action and scene labels')
    parser.add_argument('out_dir')
    parser.add_argument('--pseudo-labels', default=None, help='scene pseudo-label .npz')
    parser.add_argument('--data-root', default=None)
    parser.add_argument('--prefix', default=None, help='default: the list name')
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args(argv)
    items = read_items(args.list, args.pseudo_labels, args.data_root)
    labels = [it['label'] for it in items]
    facets = [it['facet'] for it in items]
    parts = omnidebias_select(labels, facets, seed=args.seed)
    prefix = args.prefix or osp.splitext(osp.basename(args.list))[0]
    os.makedirs(args.out_dir, exist_ok=True)
    scores = {}
    print(f'{len(items)} items, {len(set(labels))} classes; '
          f'NMI(action, scene) of all: {nmi(labels, facets):.4f}')
    for name in PARTS:
        idx = parts[name]
        path = osp.join(args.out_dir, f'{prefix}_{name}.txt')
        with open(path, 'w') as f:
            f.writelines(items[i]['line'] + '\n' for i in idx)
        scores[name] = nmi([labels[i] for i in idx], [facets[i] for i in idx])
        print(f'{name:>6}: {len(idx):6d} items  NMI(action, scene) = {scores[name]:.4f}  '
              f'-> {path}')
    return scores


if __name__ == '__main__':
    main()
