"""Per-clip penultimate features of every video of a list, for temporal action
localisation and anomaly detection.

    python tools/misc/clip_feature_extraction.py CONFIG CHECKPOINT OUTPUT_DIR \
        --video-list LIST [--video-root DIR] [--clip-interval 16] [--clip-len L] \
        [--frame-interval D] [--clips-per-batch 32] [--cfg-options k=v ...]

The arguments follow MMAction2's ``tools/misc/clip_feature_extraction.py --long-video-mode``
(clips laid out by ``UntrimmedSampleFrames``: centres every ``--clip-interval`` frames, from
frame ``clip_interval // 2``; ``--clip-len`` / ``--frame-interval`` default to the test
pipeline's sampler; :class:`mmdebias.apis.ClipFeatureExtractor`). The output is what
temporal-localisation (ActionFormer, BMN-style) and anomaly-detection (RTFM-style UCF-Crime)
code reads:

- ``OUTPUT_DIR/<video>.npy``: float32 ``[num_clips, C]``, one row per clip in time order
  (``<video>`` is the list's file name without its extension, sub-folders kept);
- ``OUTPUT_DIR/meta.json``: ``clip_len``, ``frame_interval``, ``clip_interval`` (the stride
  between clips, in frames), the clip-centre formula, ``feature_dim``, config, checkpoint,
  and per video ``num_clips``, ``total_frames`` and ``fps``.

CONFIG's model gives the features (a stock recognizer with a stock export, or a debiasing
config with its own checkpoint; the action head is not needed); its ``test_dataloader``
pipeline loads the frames (a ``ThreeCrop`` / ``TenCrop`` becomes a ``CenterCrop``, one view
per clip). LIST holds one video per line, ``filename`` or ``filename label`` (labels are
ignored). Videos whose ``.npy`` exists are skipped (``--overwrite`` redoes them), so an
interrupted run resumes; every file is written atomically.
"""
import argparse
import json
import os.path as osp

import numpy as np
from mmengine.config import DictAction

import mmdebias  # noqa: F401  (registers mmdebias components; safe checkpoint loading)
from mmdebias.apis import ClipFeatureExtractor, build_feature_model, load_feature_weights
from mmdebias.utils import atomic_write, write_json
from mmdebias.utils.cli import check_at_least, load_config


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Per-clip features of long videos')
    parser.add_argument('config', help="config whose 'model' and test pipeline are used")
    parser.add_argument('checkpoint', help='checkpoint of that model')
    parser.add_argument('output_dir', help='folder for <video>.npy and meta.json')
    parser.add_argument('--video-list', required=True,
                        help='one video per line: "filename" or "filename label"')
    parser.add_argument('--video-root', default='', help='folder the filenames are in')
    parser.add_argument('--clip-interval', type=int, default=16,
                        help='stride between clip centres, in frames')
    parser.add_argument('--clip-len', type=int, default=None,
                        help="frames per clip (default: the test sampler's clip_len; 2D "
                        'models: its num_clips)')
    parser.add_argument('--frame-interval', type=int, default=None,
                        help="gap between a clip's frames (default: the test sampler's)")
    parser.add_argument('--clips-per-batch', type=int, default=32,
                        help='clips decoded and passed through the model at once')
    parser.add_argument('--overwrite', action='store_true',
                        help='recompute videos whose .npy exists')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, key=value')
    args = parser.parse_args(argv)
    check_at_least(parser, args, ('clip_interval', 'clip_len', 'frame_interval',
                                  'clips_per_batch'))
    return args


def read_videos(path: str):
    """Filenames of a video list (``filename`` or ``filename label`` per line)."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'clip_feature_extraction: video list {path} does not exist.')
    videos = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) > 2:
                raise ValueError(f'{path}, line {number}: expected "filename" or "filename '
                                 f'label", got {line.strip()!r} (file names with spaces are '
                                 'not supported).')
            videos.append(parts[0])
    if not videos:
        raise ValueError(f'clip_feature_extraction: video list {path} names no video.')
    names = [osp.splitext(v)[0] for v in videos]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f'{path}: videos {twice[:5]} appear twice (or differ only by their '
                         'extension); their feature files would collide.')
    return videos


def main(argv=None) -> dict:
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options, 'clip_feature_extraction')
    videos = read_videos(args.video_list)
    if not osp.isfile(args.checkpoint):
        raise FileNotFoundError(f'clip_feature_extraction: checkpoint {args.checkpoint} does '
                                'not exist.')
    model = build_feature_model(cfg.model, None)
    load_feature_weights(model, args.checkpoint)
    try:
        pipeline = cfg.test_dataloader.dataset.pipeline
    except AttributeError:
        raise KeyError(f'clip_feature_extraction: {args.config} has no '
                       'test_dataloader.dataset.pipeline to load the frames with.') from None
    extractor = ClipFeatureExtractor(model, [dict(t) for t in pipeline], args.clip_interval,
                                     args.clip_len, args.frame_interval, args.clips_per_batch)
    meta_path = osp.join(args.output_dir, 'meta.json')
    meta = dict(extractor.layout(), config=args.config, checkpoint=args.checkpoint,
                feature_dim=None, videos={})
    if osp.isfile(meta_path) and not args.overwrite:
        with open(meta_path) as f:
            previous = json.load(f)
        if any(previous.get(k) != meta[k] for k in extractor.layout()):
            raise ValueError(f'{meta_path} records another clip layout than this run; use '
                             'another OUTPUT_DIR or --overwrite.')
        meta.update(feature_dim=previous.get('feature_dim'), videos=previous.get('videos', {}))
    for i, video in enumerate(videos):
        name = osp.splitext(video)[0]
        out = osp.join(args.output_dir, name + '.npy')
        if osp.isfile(out) and name in meta['videos'] and not args.overwrite:
            continue
        feats, info = extractor(osp.join(args.video_root, video))
        with atomic_write(out) as tmp:
            np.save(tmp, feats)
        meta['feature_dim'] = int(feats.shape[1])
        meta['videos'][name] = dict(info, file=name + '.npy')
        print(f'[{i + 1}/{len(videos)}] {name}: {feats.shape[0]} clips x {feats.shape[1]}',
              flush=True)
        write_json(meta_path, meta)
    return meta


if __name__ == '__main__':
    main()
