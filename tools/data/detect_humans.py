"""Detect people in videos and write the person-detection cache read by ``HumanMask``.

    # any MMDetection config + checkpoint (COCO person = class 0)
    python tools/data/detect_humans.py data/kinetics400/kinetics400_train_list_videos.txt \
        --data-root data/kinetics400/videos_train --cache-root data/kinetics400/person_dets \
        --config mmdet::faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py \
        --checkpoint faster_rcnn_r50_fpn_1x_coco.pth --stride 1 --workers 4
    # weights-free: OpenCV's HOG people detector
    python tools/data/detect_humans.py LIST --data-root ROOT --cache-root DIR --detector hog

The video list is an MMAction2 annotation file (first field of each line: the video path,
relative to ``--data-root`` or absolute) or a plain list of paths. One ``.npz`` per video is
written to ``<cache-root>/<video_key>.npz`` (format and naming:
``mmdebias/datasets/detection_cache.py``; the same ``--data-root`` must be given to the
``HumanMask`` transform). Every ``--stride``-th frame is scored; ``HumanMask`` takes the boxes
of the nearest scored frame for the others. Boxes with score >= ``--min-score`` (default 0.05,
below HumanMask's 0.3 so the threshold can be changed later) are stored.

Resumable: videos whose cache file exists are skipped (files are written atomically).
``--workers N`` runs N processes, each with its own detector (forked on CPU, spawned when
``--device`` is a GPU). ``--report-ratio 0.7`` prints,
at the end, the videos where fewer than that fraction of scored frames have a person
(SDN keeps only videos with >= 70 %) and writes them to ``<cache-root>/low_detection.txt``.
A video that cannot be decoded is reported and listed in ``<cache-root>/failed.txt``; the
exit status is then non-zero.
"""
import argparse
import os
import os.path as osp
import sys
from typing import List, Optional

import numpy as np

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from mmdebias.datasets.detection_cache import (cache_path, detection_ratio,  # noqa: E402
                                               load_detections, save_detections)
from mmdebias.datasets.person_detectors import HOGDetector, MMDetDetector  # noqa: E402


def read_video_list(path: str, data_root: Optional[str]) -> List[str]:
    videos = []
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            video = fields[0]
            if data_root is not None and not osp.isabs(video):
                video = osp.join(data_root, video)
            videos.append(video)
    if not videos:
        raise ValueError(f'no videos in {path}')
    return videos


def build_detector(args):
    if args.detector == 'hog':
        return HOGDetector()
    if not args.config:
        raise SystemExit('--detector mmdet needs --config (and --checkpoint for real weights)')
    return MMDetDetector(args.config, args.checkpoint, args.device, args.person_class,
                         _parse_cfg_options(args.cfg_options), args.batch_size)


def _parse_cfg_options(items):
    if not items:
        return None
    from mmengine.config import DictAction
    parser = argparse.ArgumentParser()
    parser.add_argument('--o', nargs='+', action=DictAction)
    return parser.parse_args(['--o', *items]).o


def detect_video(video: str, detector, stride: int, min_score: float, max_frames=None):
    """Run ``detector`` on every ``stride``-th frame; return the cache arrays."""
    import decord
    reader = decord.VideoReader(video, num_threads=1)
    n = len(reader)
    if n == 0:
        raise ValueError(f'{video}: no frames')
    inds = np.arange(0, n, stride)
    if max_frames:
        inds = inds[:max_frames]
    boxes, scores, frame_of_box = [], [], []
    img_shape = None
    for start in range(0, len(inds), 32):  # bounded memory for long videos
        chunk = inds[start:start + 32]
        frames = list(reader.get_batch(chunk.tolist()).asnumpy())
        img_shape = frames[0].shape[:2]
        for f, (b, s) in zip(chunk, detector(frames)):
            keep = s >= min_score
            boxes.append(b[keep])
            scores.append(s[keep])
            frame_of_box.append(np.full(int(keep.sum()), f, dtype=np.int64))
    return dict(frame_inds=inds, boxes=np.concatenate(boxes).reshape(-1, 4),
                scores=np.concatenate(scores), frame_of_box=np.concatenate(frame_of_box),
                img_shape=np.asarray(img_shape))


_WORKER = {}


def _init_worker(args):
    if args.detector == 'mmdet' and args.workers > 1:
        import torch
        torch.set_num_threads(1)
    _WORKER['detector'] = build_detector(args)
    _WORKER['args'] = args


def _process(video):
    args = _WORKER['args']
    path = cache_path(video, args.cache_root, args.data_root)
    if osp.exists(path):
        return video, 'skipped', None
    try:
        det = detect_video(video, _WORKER['detector'], args.stride, args.min_score,
                           args.max_frames)
    except Exception as e:  # reported, listed in failed.txt, non-zero exit
        return video, 'failed', f'{type(e).__name__}: {e}'
    save_detections(path, **det)
    return video, 'done', None


def main(argv=None):
    parser = argparse.ArgumentParser(description='person-detection cache for HumanMask')
    parser.add_argument('video_list')
    parser.add_argument('--cache-root', required=True)
    parser.add_argument('--data-root', default=None)
    parser.add_argument('--detector', choices=('mmdet', 'hog'), default='mmdet')
    parser.add_argument('--config', help='mmdet config file or mmdet::path')
    parser.add_argument('--checkpoint', default=None)
    parser.add_argument('--cfg-options', nargs='+', default=None,
                        help='overrides of the detector config, key=value')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--person-class', type=int, default=0)
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--stride', type=int, default=1)
    parser.add_argument('--max-frames', type=int, default=None,
                        help='score at most this many frames per video (debugging)')
    parser.add_argument('--min-score', type=float, default=0.05)
    parser.add_argument('--workers', type=int, default=1)
    parser.add_argument('--start-method', choices=('fork', 'spawn', 'forkserver'),
                        default=None, help='default: fork on CPU, spawn with a GPU')
    parser.add_argument('--report-ratio', type=float, default=None)
    parser.add_argument('--report-thr', type=float, default=0.3,
                        help='score threshold for --report-ratio (HumanMask score_thr)')
    args = parser.parse_args(argv)
    if args.stride < 1 or args.workers < 1:
        raise SystemExit('--stride and --workers must be >= 1')
    videos = read_video_list(args.video_list, args.data_root)
    os.makedirs(args.cache_root, exist_ok=True)

    from tqdm import tqdm
    results = []
    if args.workers == 1:
        _init_worker(args)
        for video in tqdm(videos, desc='detect_humans', unit='video'):
            results.append(_process(video))
    else:
        import multiprocessing as mp
        method = args.start_method or ('fork' if args.device == 'cpu' and 'fork' in
                                       mp.get_all_start_methods() else 'spawn')
        with mp.get_context(method).Pool(args.workers, _init_worker, (args, )) as pool:
            for res in tqdm(pool.imap_unordered(_process, videos), total=len(videos),
                            desc='detect_humans', unit='video'):
                results.append(res)

    failed = [(v, msg) for v, status, msg in results if status == 'failed']
    counts = {s: sum(1 for _, st, _ in results if st == s) for s in ('done', 'skipped')}
    print(f'detect_humans: {counts["done"]} written, {counts["skipped"]} already cached, '
          f'{len(failed)} failed -> {args.cache_root}')
    if args.report_ratio is not None:
        low = []
        for v in videos:
            path = cache_path(v, args.cache_root, args.data_root)
            if osp.exists(path):
                ratio = detection_ratio(load_detections(path, v), args.report_thr)
                if ratio < args.report_ratio:
                    low.append(f'{v} {ratio:.3f}')
        with open(osp.join(args.cache_root, 'low_detection.txt'), 'w') as f:
            f.writelines(line + '\n' for line in low)
        print(f'{len(low)} videos with a person on < {args.report_ratio:.0%} of the scored '
              f'frames: {osp.join(args.cache_root, "low_detection.txt")}')
    if failed:
        with open(osp.join(args.cache_root, 'failed.txt'), 'w') as f:
            f.writelines(f'{v}\t{msg}\n' for v, msg in failed)
        for v, msg in failed[:10]:
            print(f'FAILED {v}: {msg}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
