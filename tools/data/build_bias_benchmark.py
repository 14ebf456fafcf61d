"""Build the SCUBA / SCUFO / Confl-FG static-bias test sets, or report mask quality.

    # videos + annotation files (formats: mmdebias/preparation/bias_benchmark.py; masks:
    # mmdebias/preparation/foreground_masks.py)
    python tools/data/build_bias_benchmark.py build VIDEO_LIST VIDEO_ROOT MASK_ROOT OUT_DIR \
        [--backgrounds PLACES_DIR --background-name places --num-image-bg 1] \
        [--num-stripe-bg 1] [--no-conflfg] [--scufo-frame middle] [--short-side 256] \
        [--max-frames N] [--min-mask-area 0.1 --min-valid-frames 0.9] [--seed 0]

    # how much background coarse (box) masks carry, against tighter pixel masks
    python tools/data/build_bias_benchmark.py mask-quality VIDEO_LIST BOX_MASKS PIXEL_MASKS \
        [--out mask_quality.json]

The build is resumable: run the same command again after an interruption and only the
missing (or zero-byte) videos are written. Then test with ``BiasVideoDataset`` (see its
docstring for the config recipe) and ``StaticBiasMetric``. Out-of-range arguments stop the
tool before it reads anything: ``--short-side`` >= 32 (decord 0.6 cannot read smaller clips
back), ``--max-frames`` >= 1, ``--min-mask-area`` / ``--min-valid-frames`` in [0, 1],
``--num-image-bg`` / ``--num-stripe-bg`` >= 0.
"""
import argparse
import json

from mmdebias.preparation.bias_benchmark import MIN_SHORT_SIDE, BiasBenchmarkBuilder
from mmdebias.preparation.foreground_masks import mask_quality_report
from mmdebias.utils.cli import check_at_least, check_fraction


def frame_index(value: str):
    return value if value == 'middle' else int(value)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='command', required=True)

    build = sub.add_parser('build', help='write SCUBA / SCUFO / Confl-FG videos and JSONs')
    build.add_argument('video_list', help='VideoDataset list: "filename label" per line')
    build.add_argument('video_root', help='folder the filenames are relative to')
    build.add_argument('mask_root', help='per-video masks: <id>.npz, <id>/*.png or <id>.json')
    build.add_argument('out_dir')
    build.add_argument('--backgrounds', help='folder of background images (e.g. Places365)')
    build.add_argument('--background-name', default='places',
                       help='source name of those images in the annotations')
    build.add_argument('--num-image-bg', type=int, default=1,
                       help='SCUBA clips per video on image backgrounds')
    build.add_argument('--num-stripe-bg', type=int, default=1,
                       help='SCUBA clips per video on generated stripes')
    build.add_argument('--no-conflfg', action='store_true', help='skip Confl-FG')
    build.add_argument('--scufo-frame', type=frame_index, default='middle',
                       help="frame repeated for SCUFO: 'middle' or an index")
    build.add_argument('--short-side', type=int, help='resize outputs to this short side')
    build.add_argument('--max-frames', type=int, help='use only the first N frames')
    build.add_argument('--min-mask-area', type=float, default=0.0,
                       help='a frame is valid if its mask covers this fraction')
    build.add_argument('--min-valid-frames', type=float, default=0.0,
                       help='skip videos with a smaller fraction of valid frames')
    build.add_argument('--seed', type=int, default=0)
    build.add_argument('--no-progress', action='store_true')

    quality = sub.add_parser('mask-quality', help='background fraction of coarse masks')
    quality.add_argument('video_list')
    quality.add_argument('coarse_root', help='masks to assess, e.g. boxes')
    quality.add_argument('fine_root', help='reference pixel masks (npz or png)')
    quality.add_argument('--out', help='write the per-video report as JSON')
    quality.add_argument('--no-progress', action='store_true')
    args = parser.parse_args(argv)
    if args.command == 'build':
        check_build_args(build, args)
    return args


def check_build_args(parser, args) -> None:
    """Refuse out-of-range ``build`` arguments (parser.error: exit status 2)."""
    if args.short_side is not None and args.short_side < MIN_SHORT_SIDE:
        parser.error(f'--short-side must be >= {MIN_SHORT_SIDE} (decord 0.6 decodes smaller '
                     f'clips into the wrong number of channels), got {args.short_side}')
    check_at_least(parser, args, ('max_frames', ), hint=' (leave it out for all frames)')
    check_fraction(parser, args, ('min_mask_area', 'min_valid_frames'))
    check_at_least(parser, args, ('num_image_bg', 'num_stripe_bg'), low=0)


def main(argv=None) -> dict:
    args = parse_args(argv)
    if args.command == 'mask-quality':
        report = mask_quality_report(args.video_list, args.coarse_root, args.fine_root,
                                     progress=not args.no_progress)
        for video_id, fraction in report['per_video'].items():
            print(f'{video_id}: {fraction:.1%} of the mask is background')
        print(f'mean over {report["num_videos"]} videos: {report["mean"]:.1%}')
        if args.out:
            with open(args.out, 'w') as f:
                json.dump(report, f, indent=1)
        return report

    summary = BiasBenchmarkBuilder(
        args.video_list, args.video_root, args.mask_root, args.out_dir,
        background_dir=args.backgrounds, background_name=args.background_name,
        num_image_backgrounds=args.num_image_bg, num_stripe_backgrounds=args.num_stripe_bg,
        conflfg=not args.no_conflfg, scufo_frame=args.scufo_frame,
        short_side=args.short_side, max_frames=args.max_frames,
        min_mask_area=args.min_mask_area, min_valid_frames=args.min_valid_frames,
        seed=args.seed, progress=not args.no_progress).build()
    print(f'{summary["num_videos"]} videos kept, {summary["videos_written"]} clips written, '
          f'{len(summary["skipped"])} skipped')
    for video_id, reason in summary['skipped'].items():
        print(f'  skipped {video_id}: {reason}')
    for name, path in summary['annotations'].items():
        print(f'  {name}: {path}')
    return summary


if __name__ == '__main__':
    main()
