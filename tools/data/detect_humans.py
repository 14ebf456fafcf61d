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

Resumable: videos whose cache file exists, loads and validates are skipped (files are
written atomically); an empty or corrupt cache file is redone and counted as such.
Every video is processed in a worker process (``--workers N``: N of them, each with its own
detector; forked on CPU, where an mmdet worker runs torch with one thread since OpenMP is
not fork-safe; spawned when ``--device`` is a GPU), watched by the main process:
a detector that crashes the interpreter on one video (OpenCV's HOG segfaults on tiny frames,
a CUDA error, the OOM killer) records that video as failed with the signal, a new worker
takes over and every other video and the summary survive. ``--report-ratio 0.7`` prints,
at the end, the videos where fewer than that fraction of scored frames have a person
(SDN keeps only videos with >= 70 %) and writes them to ``<cache-root>/low_detection.txt``.
A video that cannot be decoded (or crashed) is reported with the file and the reason and
listed in ``<cache-root>/failed.txt``; the exit status is then non-zero.

A line of the list is ``path [label]``; a path may contain spaces (the line, or the line
without its trailing integer label, is used when that file exists). Repeated videos are
processed once. Arguments are checked before anything runs: ``--stride``, ``--workers``,
``--batch-size``, ``--max-frames`` >= 1, score thresholds and ``--report-ratio`` in [0, 1],
``--person-class`` >= 0.
"""
import argparse
import os
import os.path as osp
import signal
import sys
import traceback
from collections import deque
from typing import List, Optional, Tuple

import numpy as np

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from mmdebias.datasets.detection_cache import (cache_path, detection_ratio,  # noqa: E402
                                               load_detections, pack_detections,
                                               save_detections)
from mmdebias.datasets.person_detectors import (PERSON_DETECTORS,  # noqa: E402
                                                build_person_detector)
from mmdebias.preparation.video_io import open_video, read_frames, read_video_list  # noqa: E402
from mmdebias.utils.cli import check_at_least, check_fraction  # noqa: E402


def unique_videos(path: str, data_root: Optional[str]) -> Tuple[List[str], int]:
    """The videos of the list (labels optional), each once, and the number of repeated
    lines dropped."""
    videos = [video for video, _ in read_video_list(path, data_root, labels=False)]
    unique = list(dict.fromkeys(videos))
    return unique, len(videos) - len(unique)


def build_detector(args):
    """The ``--detector`` of the :data:`PERSON_DETECTORS` registry, from the arguments."""
    if args.detector != 'mmdet':
        return build_person_detector(dict(type=args.detector))
    if not args.config:
        raise SystemExit('--detector mmdet needs --config (and --checkpoint for real weights)')
    return build_person_detector(
        dict(type='mmdet', config=args.config, checkpoint=args.checkpoint, device=args.device,
             person_class=args.person_class, cfg_options=_parse_cfg_options(args.cfg_options),
             batch_size=args.batch_size))


def _parse_cfg_options(items):
    if not items:
        return None
    from mmengine.config import DictAction
    parser = argparse.ArgumentParser()
    parser.add_argument('--o', nargs='+', action=DictAction)
    return parser.parse_args(['--o', *items]).o


def detect_video(video: str, detector, stride: int, min_score: float, max_frames=None):
    """Run ``detector`` on every ``stride``-th frame; return the cache arrays."""
    reader = open_video(video)  # errors name the file and the fix
    n = len(reader)
    inds = np.arange(0, n, stride)
    if max_frames is not None:
        inds = inds[:max_frames]
    outputs, img_shape = [], None
    for start in range(0, len(inds), 32):  # bounded memory for long videos
        frames = list(read_frames(reader, inds[start:start + 32].tolist(), video))
        img_shape = frames[0].shape[:2]
        outputs += detector(frames)
    return pack_detections(inds, outputs, img_shape, min_score, where=f'detections of {video}')


_WORKER = {}


def _init_worker(args):
    if args.detector == 'mmdet' and args.device == 'cpu':
        # a forked worker inherits the parent's OpenMP thread pool, which is not fork-safe:
        # a multi-threaded torch op deadlocks (gomp_team_barrier_wait). One thread per worker,
        # as PyTorch's DataLoader workers do; use --workers N for parallelism.
        import torch
        torch.set_num_threads(1)
    _WORKER['detector'] = build_detector(args)
    _WORKER['args'] = args


def _process(video):
    """``(video, status, message)``; status ``done``, ``redone`` (an invalid cache file was
    replaced), ``skipped`` (a valid cache exists) or ``failed``."""
    args = _WORKER['args']
    path = cache_path(video, args.cache_root, args.data_root)
    redo = None
    if osp.exists(path):
        try:
            load_detections(path, video)
            return video, 'skipped', None
        except (ValueError, KeyError) as e:  # empty, corrupt or invalid: never "done"
            redo = f'{path}: {e}'
    try:
        det = detect_video(video, _WORKER['detector'], args.stride, args.min_score,
                           args.max_frames)
    except Exception as e:  # reported, listed in failed.txt, non-zero exit
        return video, 'failed', f'{type(e).__name__}: {e}'
    save_detections(path, **det)
    return (video, 'redone', redo) if redo else (video, 'done', None)


def _worker_main(conn, args):
    """A worker process: build the detector, then process the videos the main process
    sends until it sends None. An exception while building is sent back (it would recur
    for every video); a crash of the interpreter is seen by the main process."""
    try:
        _init_worker(args)
    except BaseException as error:  # noqa: B902 (SystemExit of build_detector included)
        conn.send(('init_failed', f'{type(error).__name__}: {error}\n'
                                  f'{traceback.format_exc(limit=-3)}'))
        return
    conn.send(('ready', None))
    while True:
        video = conn.recv()
        if video is None:
            return
        conn.send(('result', _process(video)))


def _crash_reason(exitcode) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f'signal {-exitcode}'
        return f'the detector crashed the worker process on this video ({name})'
    return f'the worker process exited with code {exitcode} while processing this video'


def run_isolated(videos: List[str], args, worker=_worker_main, progress=None) -> List[tuple]:
    """Process ``videos`` in ``args.workers`` watched worker processes (see the module
    docstring); one ``(video, status, message)`` per video, in completion order."""
    # not mmengine's track_parallel_progress: its multiprocessing.Pool waits forever for the
    # result of a worker killed by a signal (python/cpython#66587); this loop sees the death
    import multiprocessing as mp
    from multiprocessing.connection import wait
    method = args.start_method or ('fork' if args.device == 'cpu' and 'fork' in
                                   mp.get_all_start_methods() else 'spawn')
    ctx = mp.get_context(method)
    pending, results, workers = deque(videos), [], {}  # conn -> [process, video or None]

    def start():
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=worker, args=(child, args), daemon=True)
        proc.start()
        child.close()
        try:
            kind, message = parent.recv()
        except (EOFError, OSError):
            proc.join()
            kind, message = 'init_failed', _crash_reason(proc.exitcode).replace(
                'on this video', 'while building the detector')
        if kind != 'ready':
            proc.join()
            raise SystemExit(f'detect_humans: the detector could not be built: {message}')
        workers[parent] = [proc, None]

    try:
        for _ in range(min(args.workers, len(pending))):
            start()
        while pending or any(job is not None for _, job in workers.values()):
            for conn, state in workers.items():
                if state[1] is None and pending:
                    state[1] = pending.popleft()
                    conn.send(state[1])
            busy = {c: s for c, s in workers.items() if s[1] is not None}
            ready = wait(list(busy) + [s[0].sentinel for s in busy.values()])
            for conn, (proc, video) in list(busy.items()):
                if conn in ready:
                    try:
                        kind, result = conn.recv()
                    except (EOFError, OSError):
                        kind = None
                    if kind == 'result':
                        workers[conn][1] = None
                        results.append(result)
                        if progress:
                            progress(result)
                        continue
                elif proc.sentinel not in ready:
                    continue
                proc.join()  # died: record its video, replace it
                results.append((video, 'failed', _crash_reason(proc.exitcode)))
                if progress:
                    progress(results[-1])
                del workers[conn]
                conn.close()
                if pending:
                    start()
    finally:
        for conn, (proc, _) in workers.items():
            try:
                conn.send(None)
            except (OSError, ValueError):
                pass
        for conn, (proc, _) in workers.items():
            proc.join(timeout=5)
            if proc.is_alive():
                proc.kill()
                proc.join()
    return results


def check_args(parser, args) -> None:
    """Refuse out-of-range arguments before anything runs (parser.error: exit 2)."""
    check_at_least(parser, args, ('stride', 'workers', 'batch_size'))
    check_at_least(parser, args, ('max_frames', ), hint=' (leave it out for all frames)')
    check_fraction(parser, args, ('min_score', 'report_thr'),
                   ' (mmdet scores are probabilities; HOG margins of clear pedestrians are '
                   'about 0.3 - 1.5)')
    check_fraction(parser, args, ('report_ratio', ), ' (SDN: 0.7)')
    if args.person_class < 0:
        parser.error(f'--person-class must be a class index >= 0, got {args.person_class}')
    if args.detector == 'mmdet' and not args.config:
        parser.error('--detector mmdet needs --config (and --checkpoint for real weights)')


def main(argv=None):
    parser = argparse.ArgumentParser(description='person-detection cache for HumanMask')
    parser.add_argument('video_list')
    parser.add_argument('--cache-root', required=True)
    parser.add_argument('--data-root', default=None)
    parser.add_argument('--detector', choices=sorted(PERSON_DETECTORS.module_dict),
                        default='mmdet', help='a registered person detector')
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
    check_args(parser, args)
    videos, repeated = unique_videos(args.video_list, args.data_root)
    if repeated:
        print(f'detect_humans: {repeated} duplicate line(s) of {args.video_list} ignored '
              '(each video is processed once)')
    os.makedirs(args.cache_root, exist_ok=True)

    from tqdm import tqdm
    with tqdm(total=len(videos), desc='detect_humans', unit='video') as bar:
        results = run_isolated(videos, args, progress=lambda _: bar.update())

    failed = [(v, msg) for v, status, msg in results if status == 'failed']
    counts = {s: sum(1 for _, st, _ in results if st == s)
              for s in ('done', 'redone', 'skipped')}
    print(f'detect_humans: {counts["done"] + counts["redone"]} written, '
          f'{counts["skipped"]} already cached, {len(failed)} failed -> {args.cache_root}')
    redone = [msg for _, status, msg in results if status == 'redone']
    if redone:
        print(f'detect_humans: {len(redone)} invalid cache file(s) redone, e.g. {redone[0]}')
    if args.report_ratio is not None:
        low = []
        for v in videos:
            path = cache_path(v, args.cache_root, args.data_root)
            if osp.exists(path) and v not in dict(failed):
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
