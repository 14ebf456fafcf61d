"""Generate the MotionShapes synthetic static-bias benchmark.

    python tools/data/make_motion_shapes.py data/synthetic/motion_shapes [--seed 0]
    python tools/data/make_motion_shapes.py data/synthetic/motion_shapes_hard --preset hard \
        --bias 0.98
    python tools/data/make_motion_shapes.py data/synthetic/motion_shapes_source --preset source

See mmdebias/preparation/synthetic/motion_shapes.py for what it contains; ``--preset source``
writes the transfer preset's source task (motion_shapes_source.py: six motions, only one of
them shared with the target, no static bias; ``--train-per-class`` defaults to 300 there,
``--test-per-class`` sets its held-out clips per class).
"""
import argparse
import sys
import time

from mmdebias.preparation.synthetic import generate_motion_shapes, generate_motion_shapes_source


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument('out_dir')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--train-per-class', type=int, default=None,
                        help='default: 200 (easy, hard), 300 (source)')
    parser.add_argument('--test-per-class', type=int, default=50)
    parser.add_argument('--preset', choices=['easy', 'hard', 'source'], default='easy',
                        help="'hard': six motion classes (translations, rotations), two "
                        "independent static cues, unbiased control training set; 'source': "
                        "the transfer preset's unbiased source task (six motions, one shared with "
                        "the target)")
    parser.add_argument('--bias', type=float, default=0.9,
                        help='fraction of bias-aligned clips in train/original')
    parser.add_argument('--noise', type=float, default=0.0,
                        help='std of per-frame Gaussian sensor noise (grey levels)')
    parser.add_argument('--speed', type=float, default=2.0,
                        help='actor speed in pixels per frame (x U(0.75, 1.25))')
    args = parser.parse_args()

    t0 = time.time()

    def progress(done, total):
        if done == total or done % 100 == 0:
            sys.stdout.write(f'\r[motion_shapes] {done}/{total} clips')
            sys.stdout.flush()

    if args.preset == 'source':
        files = generate_motion_shapes_source(
            args.out_dir, seed=args.seed, num_train_per_class=args.train_per_class or 300,
            num_val_per_class=args.test_per_class, speed=args.speed, noise=args.noise,
            progress=progress)
        print(f'\n[motion_shapes] ready in {time.time() - t0:.1f} s: ' +
              ', '.join(files.values()))
        return
    files = generate_motion_shapes(args.out_dir, seed=args.seed,
                                   num_train_per_class=args.train_per_class or 200,
                                   num_test_per_class=args.test_per_class, bias=args.bias,
                                   noise=args.noise,
                                   speed=args.speed, preset=args.preset,
                                   progress=progress)
    print(f'\n[motion_shapes] ready in {time.time() - t0:.1f} s: ' + ', '.join(files.values()))


if __name__ == '__main__':
    main()
