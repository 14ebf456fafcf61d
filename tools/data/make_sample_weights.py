"""Write per-video training weights for SampleWeightObjective (LoadSampleWeight's JSON).

    # JTT: up-weight the training clips a first model got wrong (predictions dumped by
    # tools/test.py --dump on the training list)
    python tools/data/make_sample_weights.py OUT.json --predictions preds.pkl \
        --ann-file data/train.txt [--up 20]
    # oracle group weights: up-weight the clips whose static cues conflict with the label,
    # from an annotation JSON with an 'aligned' field (MotionShapes' train_full.json)
    python tools/data/make_sample_weights.py OUT.json --annotations train_full.json [--up auto]

``--up auto`` (oracle) balances the two groups: weight = #aligned / #conflicting.
Keys are the video paths as written in the annotation file (relative to the data root), the
keys ``LoadSampleWeight(data_root=...)`` looks up.
"""
import argparse
import json
import pickle

import numpy as np

from mmdebias.preparation.video_io import read_video_list
from mmdebias.utils import write_json


def weights_from_annotations(path: str, up: str) -> dict:
    with open(path) as f:
        entries = json.load(f)
    missing = [e.get('filename') for e in entries if 'aligned' not in e]
    if missing:
        raise KeyError(f'{path}: {len(missing)} entries (e.g. {missing[0]!r}) have no '
                       "'aligned' field; the oracle needs the benchmark's group labels.")
    conflicting = sum(not e['aligned'] for e in entries)
    if conflicting == 0:
        raise ValueError(f'{path}: no clip conflicts with its static cues; nothing to '
                         'up-weight.')
    factor = (len(entries) - conflicting) / conflicting if up == 'auto' else float(up)
    return {e['filename']: 1.0 if e['aligned'] else factor for e in entries}, factor


def weights_from_predictions(pred_path: str, ann_file: str, up: str) -> dict:
    with open(pred_path, 'rb') as f:
        preds = pickle.load(f)
    videos = [video for video, _ in read_video_list(ann_file)]
    if len(preds) != len(videos):
        raise ValueError(f'{pred_path} holds {len(preds)} predictions but {ann_file} lists '
                         f'{len(videos)} videos: dump the predictions on this list, in order '
                         '(tools/test.py --dump with the list as the test set).')
    wrong = []
    for pred in preds:
        score = np.asarray(pred['pred_score'])
        wrong.append(int(score.argmax()) != int(np.asarray(pred['gt_label']).reshape(-1)[0]))
    factor = 20.0 if up == 'auto' else float(up)
    return {v: factor if w else 1.0 for v, w in zip(videos, wrong)}, factor


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('out')
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--annotations', help="annotation JSON with an 'aligned' field")
    source.add_argument('--predictions', help='tools/test.py --dump output (JTT)')
    parser.add_argument('--ann-file', help='the video list the predictions were made on')
    parser.add_argument('--up', default='auto',
                        help="up-weight factor, or 'auto' (oracle: balance the groups; "
                        'JTT: 20)')
    args = parser.parse_args(argv)
    if args.up != 'auto':
        try:
            if not float(args.up) > 0:
                raise ValueError
        except ValueError:
            parser.error(f"--up must be a number > 0 or 'auto', got {args.up!r}")
    if args.predictions:
        if not args.ann_file:
            parser.error('--predictions needs --ann-file (the list they were made on)')
        table, factor = weights_from_predictions(args.predictions, args.ann_file, args.up)
    else:
        table, factor = weights_from_annotations(args.annotations, args.up)
    up = sum(w != 1.0 for w in table.values())
    write_json(args.out, table, indent=0)
    print(f'{args.out}: {len(table)} videos, {up} up-weighted x{factor:.2f}')
    return table


if __name__ == '__main__':
    main()
