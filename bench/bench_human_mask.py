"""HumanMask throughput (not a test): masked frames per second on one core.

    python bench/bench_human_mask.py [--height 256] [--width 340] [--frames 16] [--boxes 2]

Synthetic uint8 frames of the given size, a detection cache with ``--boxes`` person boxes of
about a quarter of the frame on every frame (plus one box under the score threshold), clips
of ``--frames`` frames. Times ``HumanMask.transform`` alone (cache read from disk included,
decoding excluded), single-threaded, and prints frames/s. The issue asks for >= 2,000 frames/s
at 256x340; this prints it, it does not assert it.
"""
import argparse
import os
import sys
import tempfile
import time

os.environ.setdefault('OMP_NUM_THREADS', '1')
import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--height', type=int, default=256)
    parser.add_argument('--width', type=int, default=340)
    parser.add_argument('--frames', type=int, default=16)
    parser.add_argument('--boxes', type=int, default=2)
    parser.add_argument('--clips', type=int, default=200)
    args = parser.parse_args()

    from mmdebias.datasets import HumanMask
    from mmdebias.datasets.detection_cache import cache_path, save_detections
    h, w, n_frames = args.height, args.width, 300
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as cache:
        boxes, frame_of_box, scores = [], [], []
        for f in range(n_frames):
            for _ in range(args.boxes):
                x, y = rng.uniform(0, w * 0.7), rng.uniform(0, h * 0.5)
                boxes.append([x, y, x + w * 0.3, y + h * 0.5])
                frame_of_box.append(f)
                scores.append(0.9)
            boxes.append([0, 0, w, h])  # below the threshold
            frame_of_box.append(f)
            scores.append(0.1)
        video = 'bench_video.mp4'
        save_detections(cache_path(video, cache), np.arange(n_frames), boxes, scores,
                        frame_of_box, (h, w))
        transform = HumanMask(cache_root=cache)
        frames = rng.integers(0, 256, (args.frames, h, w, 3), dtype=np.uint8)

        def clip():
            inds = np.sort(rng.choice(n_frames, args.frames, replace=False))
            return dict(filename=video, frame_inds=inds, imgs=list(frames.copy()))

        transform(clip())  # warm-up
        inputs = [clip() for _ in range(args.clips)]
        start = time.perf_counter()
        for results in inputs:
            transform(results)
        elapsed = time.perf_counter() - start
    total = args.clips * args.frames
    print(f'HumanMask {h}x{w}, {args.frames} frames/clip, {args.boxes} boxes/frame: '
          f'{total / elapsed:,.0f} frames/s ({elapsed / args.clips * 1e3:.2f} ms/clip, '
          'one thread)')


if __name__ == '__main__':
    main()
