"""Bad inputs for the command-line tools: detect_humans, build_bias_benchmark,
extract_pseudo_labels, holdout_val_split, facet_split, omnidebias_select, scene_bias and
motion_shapes_reliance.

Every case ends in a clear error (naming the file / argument / value and the fix) or a
documented correct result; see :mod:`tests.test_reliability.campaign`. Cases that may crash
the interpreter (OpenCV's HOG detector) run in a forked child process."""
import contextlib
import io
import json
import os
import signal
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from mmdebias.datasets.detection_cache import cache_path, load_detections
from mmdebias.datasets.pseudo_labels import load_pseudo_labels
from tests.scripts import load_script
from tests.test_reliability import media
from tests.test_reliability.campaign import Case, assert_case, ids

CASES = []
TOOLS = {}
ROOT = str(Path(__file__).resolve().parents[2])


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


def tool(path):
    if path not in TOOLS:  # worker processes unpickle the script's functions by name
        TOOLS[path] = load_script(path, Path(path).stem + '_tool', register=True)
    return TOOLS[path]


def run_main(path, argv, use_sys_argv=False):
    """``(return value, stdout)`` of the tool's ``main``; stderr is left to the caller."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if use_sys_argv:  # a main() without an argv parameter
            saved, sys.argv = sys.argv, [path] + list(argv)
            try:
                code = tool(path).main()
            finally:
                sys.argv = saved
        else:
            code = tool(path).main(argv)
    return code, out.getvalue()


# ----------------------------------------------------------------------- detect_humans.py
DH = 'tools/data/detect_humans.py'


def detect(tmp, lines, extra=(), videos=()):
    """Run detect_humans (HOG) on ``lines``; ``videos``: (name, writer) to create first."""
    tmp = Path(tmp)
    root = tmp / 'videos'
    root.mkdir(exist_ok=True)
    for name, writer in videos:
        writer(root, name)
    (tmp / 'list.txt').write_text(lines)
    code, out = run_main(DH, [str(tmp / 'list.txt'), '--data-root', str(root), '--cache-root',
                              str(tmp / 'cache'), '--detector', 'hog', '--stride', '8',
                              *extra])
    return dict(code=code, out=out, tmp=tmp, root=root)


def cached(res, name):
    video = str(res['root'] / name)
    return load_detections(cache_path(video, str(res['tmp'] / 'cache'), str(res['root'])),
                           video)


def failed(res):
    path = res['tmp'] / 'cache' / 'failed.txt'
    return path.read_text() if path.exists() else ''


GOOD = ('good.mp4', lambda root, name: media.copy(root, name))
for name, args, frags in [('max_frames_0', ['--max-frames', '0'], ['--max-frames', '0', '>= 1']),
                          ('max_frames_negative', ['--max-frames', '-3'], ['--max-frames', '-3']),
                          ('min_score_above_1', ['--min-score', '1.5'],
                           ['--min-score', '1.5', '[0, 1]']),
                          ('min_score_negative', ['--min-score', '-0.2'], ['--min-score', '-0.2']),
                          ('report_thr_above_1', ['--report-thr', '30'], ['--report-thr', '30']),
                          ('report_ratio_percent', ['--report-ratio', '70'],
                           ['--report-ratio', '70', '[0, 1]']),
                          ('stride_0', ['--stride', '0'], ['--stride', '0', '>= 1']),
                          ('workers_0', ['--workers', '0'], ['--workers', '0', '>= 1']),
                          ('batch_size_0', ['--batch-size', '0'], ['--batch-size', '0']),
                          ('person_class_negative', ['--person-class', '-1'],
                           ['--person-class', '-1'])]:
    case(f'detect_humans_{name}', 'detect_humans.py',
         lambda tmp, a=args: detect(tmp, 'good.mp4 0\n', a, [GOOD]), raises=SystemExit,
         match=frags)
case('detect_humans_empty_list', 'detect_humans.py', lambda tmp: detect(tmp, '\n\n'),
     raises=ValueError, match=['list.txt', 'no videos'])
case('detect_humans_missing_list', 'detect_humans.py',
     lambda tmp: run_main(DH, [str(Path(tmp) / 'nope.txt'), '--cache-root', str(tmp),
                               '--detector', 'hog']),
     raises=FileNotFoundError, match=['nope.txt'])
case('detect_humans_mmdet_without_config', 'detect_humans.py',
     lambda tmp: run_main(DH, [str(Path(tmp) / 'l.txt'), '--cache-root', str(tmp)])
     if Path(tmp, 'l.txt').write_text('good.mp4 0\n') else None,
     raises=SystemExit, match=['--config'])


def redo_cache(tmp, content):
    first = detect(tmp, 'good.mp4 0\n', videos=[GOOD])
    path = Path(cache_path(str(first['root'] / 'good.mp4'), str(Path(tmp) / 'cache'),
                           str(first['root'])))
    path.write_bytes(content)
    res = detect(tmp, 'good.mp4 0\n')
    return res['code'], 'redo' in res['out'], len(cached(res, 'good.mp4')['frame_inds'])


case('detect_humans_zero_byte_cache_is_redone', 'detect_humans.py',
     lambda tmp: redo_cache(tmp, b''), check=lambda r: r == (0, True, 4))
case('detect_humans_garbage_cache_is_redone', 'detect_humans.py',
     lambda tmp: redo_cache(tmp, b'PK\x03\x04 garbage'), check=lambda r: r == (0, True, 4))
for name, writer in [('corrupt', media.corrupt_middle), ('zero_byte', media.zero_byte),
                     ('truncated', media.truncated)]:
    case(f'detect_humans_{name}_video_reported', 'detect_humans.py',
         lambda tmp, w=writer: detect(tmp, 'bad.mp4 0\ngood.mp4 1\n',
                                      videos=[GOOD, ('bad.mp4', lambda r, n, w=w: w(r, n))]),
         check=lambda r: (r['code'] == 1 and 'bad.mp4' in failed(r)
                          and len(cached(r, 'good.mp4')['frame_inds']) == 4
                          and '1 written' in r['out'])
         and (True if 'Replace the file' in failed(r) else 'unclear'))
case('detect_humans_64px_video', 'detect_humans.py',
     lambda tmp: detect(tmp, 'small.mp4 0\ngood.mp4 1\n', videos=[
         GOOD, ('small.mp4', lambda r, n: media.write(r, n, media.frames(16, 64, 64)))]),
     check=lambda r: (r['code'] == 0 and len(cached(r, 'small.mp4')['boxes']) == 0
                      and tuple(cached(r, 'small.mp4')['img_shape']) == (64, 64)
                      and len(cached(r, 'good.mp4')['frame_inds']) == 4),
     isolate=True)


def segfault_in_detector(tmp, workers):
    """A detector that really segfaults on 160-px-wide frames: the others must survive."""
    import ctypes

    from mmdebias.datasets import person_detectors
    real = person_detectors.HOGDetector.__call__

    def crashing(self, frames):
        if frames[0].shape[1] == 160:
            ctypes.string_at(0)  # SIGSEGV, as OpenCV's HOG does on small frames
        return real(self, frames)

    person_detectors.HOGDetector.__call__ = crashing
    return detect(tmp, 'good.mp4 0\ncrash.mp4 1\nalso.mp4 2\n', ['--workers', str(workers)],
                  videos=[GOOD, ('also.mp4', GOOD[1]),
                          ('crash.mp4', lambda r, n: media.write(r, n, media.frames(8, 128,
                                                                                    160)))])


for workers in (1, 2):
    case(f'detect_humans_segfault_isolated_{workers}_workers', 'detect_humans.py',
         lambda tmp, w=workers: segfault_in_detector(tmp, w),
         check=lambda r: (r['code'] == 1 and 'crash.mp4' in failed(r)
                          and 'SIGSEGV' in failed(r) and 'good.mp4' not in failed(r)
                          and len(cached(r, 'good.mp4')['frame_inds']) == 4
                          and len(cached(r, 'also.mp4')['frame_inds']) == 4
                          and '2 written' in r['out'] and '1 failed' in r['out']),
         isolate=True)
MMDET_AFTER_OPENMP = """
import sys, torch
sys.path.insert(0, {root!r})
torch.set_num_threads(2)
x = torch.randn(512, 512)
(x @ x).clone()  # the main process has used torch's OpenMP pool
from tests.scripts import load_script
tool = load_script('tools/data/detect_humans.py', 'detect_humans_tool', register=True)
sys.exit(tool.main(sys.argv[1:]))
"""


def mmdet_after_openmp(tmp):
    """A fresh interpreter that has used torch's OpenMP pool forks an mmdet worker: the
    worker must not deadlock in the inherited pool (libgomp is not fork-safe). A fresh
    process, since this test session's own pool cannot be used after a fork either."""
    import subprocess
    tmp = Path(tmp)
    media.copy(tmp / 'videos', 'good.mp4')
    (tmp / 'list.txt').write_text('good.mp4 0\n')
    argv = [str(tmp / 'list.txt'), '--data-root', str(tmp / 'videos'), '--cache-root',
            str(tmp / 'cache'), '--config', 'mmdet::faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py',
            '--max-frames', '1', '--min-score', '0.0', '--cfg-options',
            'model.backbone.depth=18', 'model.neck.in_channels=[64,128,256,512]',
            'test_dataloader.dataset.pipeline.1.scale=(64,48)']
    proc = subprocess.Popen([sys.executable, '-c', MMDET_AFTER_OPENMP.format(root=ROOT), *argv],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        _, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # deadlocked: kill it with its worker
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return dict(code='hung after 120 s', tmp=tmp, root=tmp / 'videos')
    return dict(code=proc.returncode, err=err[-2000:], tmp=tmp, root=tmp / 'videos')


case('detect_humans_mmdet_worker_after_openmp', 'detect_humans.py', mmdet_after_openmp,
     check=lambda r: r['code'] == 0 and cached(r, 'good.mp4')['frame_inds'].tolist() == [0])
case('detect_humans_duplicate_lines', 'detect_humans.py',
     lambda tmp: detect(tmp, 'good.mp4 0\ngood.mp4 0\n', videos=[GOOD]),
     check=lambda r: r['code'] == 0 and '1 written, 0 already cached' in r['out']
     and 'duplicate' in r['out'])
case('detect_humans_spaces_in_path', 'detect_humans.py',
     lambda tmp: detect(tmp, 'my clip.mp4 0\n', videos=[('my clip.mp4', GOOD[1])]),
     check=lambda r: r['code'] == 0 and len(cached(r, 'my clip.mp4')['frame_inds']) == 4)
case('detect_humans_unicode_path', 'detect_humans.py',
     lambda tmp: detect(tmp, 'vidéos/ü.mp4 0\n', videos=[('vidéos/ü.mp4', GOOD[1])]),
     check=lambda r: r['code'] == 0 and len(cached(r, 'vidéos/ü.mp4')['frame_inds']) == 4)
case('detect_humans_1_frame_video', 'detect_humans.py',
     lambda tmp: detect(tmp, 'one.mp4 0\n', videos=[
         ('one.mp4', lambda r, n: media.write(r, n, media.frames(1, 128, 128)))]),
     check=lambda r: r['code'] == 0 and cached(r, 'one.mp4')['frame_inds'].tolist() == [0],
     isolate=True)
case('detect_humans_grayscale_video', 'detect_humans.py',
     lambda tmp: detect(tmp, 'gray.mp4 0\n', videos=[
         ('gray.mp4', lambda r, n: media.write(r, n, media.frames(4, 128, 128)[..., 0],
                                               gray=True))]),
     check=lambda r: r['code'] == 0 and tuple(cached(r, 'gray.mp4')['img_shape']) == (128, 128),
     isolate=True)

# ----------------------------------------------------------------------- build_bias_benchmark
BB = 'tools/data/build_bias_benchmark.py'


def build_cli(tmp, *args, command='build'):
    tmp = Path(tmp)
    media.copy(tmp / 'videos', 'a.mp4')
    (tmp / 'masks').mkdir(exist_ok=True)
    m = np.zeros((32, 256, 340), np.uint8)
    m[:, 64:128, 85:170] = 1
    np.savez(tmp / 'masks' / 'a.npz', masks=m)
    (tmp / 'list.txt').write_text('a.mp4 0\n')
    if command == 'build':
        argv = ['build', str(tmp / 'list.txt'), str(tmp / 'videos'), str(tmp / 'masks'),
                str(tmp / 'out'), '--no-conflfg', '--no-progress', *args]
    else:
        argv = ['mask-quality', *args]
    return run_main(BB, argv)


for name, args, frags in [('short_side_16', ['--short-side', '16'], ['--short-side', '16', '32']),
                          ('short_side_0', ['--short-side', '0'], ['--short-side', '0']),
                          ('max_frames_0', ['--max-frames', '0'], ['--max-frames', '0', '>= 1']),
                          ('min_mask_area_percent', ['--min-mask-area', '10'],
                           ['--min-mask-area', '10', '[0, 1]']),
                          ('min_valid_frames_above_1', ['--min-valid-frames', '1.5'],
                           ['--min-valid-frames', '1.5']),
                          ('num_stripe_bg_negative', ['--num-stripe-bg', '-1'],
                           ['--num-stripe-bg', '-1']),
                          ('num_image_bg_negative', ['--num-image-bg', '-2'],
                           ['--num-image-bg', '-2']),
                          ('scufo_frame_word', ['--scufo-frame', 'first'],
                           ['--scufo-frame', 'first'])]:
    case(f'build_bias_benchmark_{name}', 'build_bias_benchmark.py',
         lambda tmp, a=args: build_cli(tmp, *a), raises=SystemExit, match=frags)
case('build_bias_benchmark_unicode_out_dir', 'build_bias_benchmark.py',
     lambda tmp: (build_cli(tmp, '--max-frames', '4', '--short-side', '64'),
                  json.loads((Path(tmp) / 'out' / 'scuba.json').read_text()))[1],
     check=lambda entries: [e['filename'] for e in entries] == ['scuba/stripes/a_0.mp4'])
case('mask_quality_empty_list', 'build_bias_benchmark.py',
     lambda tmp: (Path(tmp, 'empty.txt').write_text(''),
                  build_cli(tmp, str(Path(tmp, 'empty.txt')), str(tmp), str(tmp),
                            '--no-progress', command='mask-quality'))[1],
     raises=ValueError, match=['empty.txt', 'no videos'])
case('mask_quality_missing_fine_masks', 'build_bias_benchmark.py',
     lambda tmp: build_cli(tmp, str(Path(tmp, 'list.txt')), str(Path(tmp, 'masks')),
                           str(Path(tmp, 'nowhere')), '--no-progress', command='mask-quality')
     if Path(tmp, 'list.txt').write_text('a.mp4 0\n') else None,
     raises=FileNotFoundError, match=["'a'", 'nowhere'])

# ----------------------------------------------------------------------- extract_pseudo_labels
EPL = 'tools/data/extract_pseudo_labels.py'
FRAME_CLS = '''
model = dict(
    type='Recognizer2D',
    backbone=dict(type='ResNet', depth=18, pretrained=None),
    cls_head=dict(type='TSNHead', num_classes=5, in_channels=512, spatial_type='avg',
                  consensus=dict(type='AvgConsensus', dim=1), dropout_ratio=0.0),
    data_preprocessor=dict(type='ActionDataPreprocessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], format_shape='NCHW'))
'''


def extract(tmp, lines, videos=(), extra=(), nan_weights=False):
    from mmaction.registry import MODELS
    from mmengine.config import Config
    tmp = Path(tmp)
    (tmp / 'cls.py').write_text(FRAME_CLS)
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(str(tmp / 'cls.py')).model)
    if nan_weights:
        with torch.no_grad():
            model.cls_head.fc_cls.weight.fill_(float('nan'))
    torch.save({'state_dict': model.state_dict()}, tmp / 'cls.pth')
    root = tmp / 'videos'
    root.mkdir(exist_ok=True)
    for name, writer in videos:
        writer(root, name)
    (tmp / 'list.txt').write_text(lines)
    code, _ = run_main(EPL, [str(tmp / 'list.txt'), str(tmp / 'cls.py'), str(tmp / 'cls.pth'),
                             '--out', str(tmp / 'scene.npz'), '--data-root', str(root),
                             '--num-frames', '2', '--short-side', '32', '--crop-size', '32',
                             *extra])
    return code, load_pseudo_labels(str(tmp / 'scene.npz'))


for name, args, frags in [('short_side_0', ['--short-side', '0'], ['--short-side', '0']),
                          ('crop_size_0', ['--crop-size', '0'], ['--crop-size', '0']),
                          ('num_frames_0', ['--num-frames', '0'], ['--num-frames', '>= 1'])]:
    case(f'extract_pseudo_labels_{name}', 'extract_pseudo_labels.py',
         lambda tmp, a=args: run_main(EPL, ['l.txt', 'c.py', 'x.pth', '--out', 'o.npz', *a]),
         raises=SystemExit, match=frags)
case('extract_pseudo_labels_empty_list', 'extract_pseudo_labels.py',
     lambda tmp: run_main(EPL, [media.zero_byte(tmp, 'l.txt'), 'c.py', 'x.pth', '--out',
                                'o.npz']), raises=SystemExit, match=['l.txt', 'no videos'])
case('extract_pseudo_labels_corrupt_video', 'extract_pseudo_labels.py',
     lambda tmp: extract(tmp, 'good.mp4 0\nbad.mp4 1\n', videos=[
         ('good.mp4', lambda r, n: media.copy(r, n)),
         ('bad.mp4', lambda r, n: media.truncated(r, n))]),
     raises=SystemExit, match=['bad.mp4', 'Replace the file'])
case('extract_pseudo_labels_nan_model', 'extract_pseudo_labels.py',
     lambda tmp: extract(tmp, 'good.mp4 0\n', videos=[('good.mp4', lambda r, n: media.copy(r, n))],
                         nan_weights=True),
     raises=SystemExit, match=['good.mp4', 'non-finite', 'cls.pth'])
case('extract_pseudo_labels_spaces_and_unicode', 'extract_pseudo_labels.py',
     lambda tmp: extract(tmp, 'my clïp.mp4 0\n',
                         videos=[('my clïp.mp4', lambda r, n: media.copy(r, n))])[1],
     check=lambda labels: labels['videos'].tolist() == ['my clïp.mp4']
     and np.allclose(labels['probs'].sum(1), 1, atol=1e-5))

# ----------------------------------------------------------------------- holdout_val_split
HVS = 'tools/data/holdout_val_split.py'


def holdout(tmp, content, *args):
    path = Path(tmp) / 'train list.txt'
    path.write_text(content)
    run_main(HVS, [str(path), *args], use_sys_argv=True)
    return [Path(tmp, f'train list_{s}.txt').read_text().splitlines()
            for s in ('trainsub', 'holdout')]


case('holdout_empty_list', 'holdout_val_split.py', lambda tmp: holdout(tmp, ''),
     raises=SystemExit, match=['train list.txt', 'no items'])
case('holdout_duplicate_lines', 'holdout_val_split.py',
     lambda tmp: holdout(tmp, 'a.mp4 0\nb.mp4 0\na.mp4 0\n'), raises=SystemExit,
     match=['train list.txt', 'line 3', 'a.mp4', 'line 1'])
case('holdout_label_not_integer', 'holdout_val_split.py',
     lambda tmp: holdout(tmp, 'a.mp4 0\nb.mp4 zero\n'), raises=SystemExit,
     match=['train list.txt', 'line 2', "'zero'"])
case('holdout_line_without_label', 'holdout_val_split.py',
     lambda tmp: holdout(tmp, 'a.mp4 0\nb.mp4\n'), raises=SystemExit,
     match=['train list.txt', 'line 2', 'label'])
case('holdout_fraction_1', 'holdout_val_split.py',
     lambda tmp: holdout(tmp, 'a.mp4 0\n', '--fraction', '1'), raises=SystemExit,
     match=['--fraction', '(0, 1)', '1.0'])
case('holdout_fraction_nan', 'holdout_val_split.py',
     lambda tmp: holdout(tmp, 'a.mp4 0\n', '--fraction', 'nan'), raises=SystemExit,
     match=['--fraction', 'nan'])
case('holdout_unicode_and_spaces', 'holdout_val_split.py',
     lambda tmp: holdout(tmp, 'ü 1.mp4 0\né 2.mp4 0\nx.mp4 1\n'),
     check=lambda parts: sorted(parts[0] + parts[1]) == ['x.mp4 1', 'é 2.mp4 0', 'ü 1.mp4 0']
     and len(parts[1]) == 1)

# ----------------------------------------------------------------------- facet_split / omnidebias
FS, OS = 'tools/data/facet_split.py', 'tools/data/omnidebias_select.py'
SPLIT_LIST = ''.join(f'v{i}.mp4 {i % 2} {i % 3}\n' for i in range(12))


def split(tmp, script, content, *args):
    path = Path(tmp) / 'items.txt'
    path.write_text(content)
    return run_main(script, [str(path), str(Path(tmp) / 'out'), *args])[0]


case('facet_split_tool_train_per_class_0', 'facet_split.py',
     lambda tmp: split(tmp, FS, SPLIT_LIST, '--min-test', '1', '--train-per-class', '0'),
     raises=ValueError, match=['train_per_class', '0'])
case('facet_split_tool_min_test_0', 'facet_split.py',
     lambda tmp: split(tmp, FS, SPLIT_LIST, '--min-test', '0'), raises=ValueError,
     match=['min_test', '0'])
case('facet_split_tool_duplicate_video', 'facet_split.py',
     lambda tmp: split(tmp, FS, SPLIT_LIST + 'v3.mp4 1 2\n', '--min-test', '1'),
     raises=ValueError, match=['items.txt', 'v3.mp4', 'line 4'])
case('facet_split_tool_unicode_prefix', 'facet_split.py',
     lambda tmp: (split(tmp, FS, SPLIT_LIST, '--min-test', '1', '--prefix', 'k200 é'),
                  Path(tmp, 'out', 'k200 é_test.txt').read_text().splitlines())[1],
     check=lambda lines: len(lines) > 0 and all(len(line.split()) == 2 for line in lines))
case('omnidebias_select_tool_duplicate_video', 'omnidebias_select.py',
     lambda tmp: split(tmp, OS, SPLIT_LIST + 'v0.mp4 0 1\n'), raises=ValueError,
     match=['items.txt', 'v0.mp4', 'line 1'])
case('omnidebias_select_tool_negative_scene', 'omnidebias_select.py',
     lambda tmp: split(tmp, OS, SPLIT_LIST + 'w.mp4 0 -1\n'), raises=ValueError,
     match=['items.txt', 'scene', '-1'])
case('omnidebias_select_tool_parts', 'omnidebias_select.py',
     lambda tmp: split(tmp, OS, SPLIT_LIST),
     check=lambda scores: set(scores) == {'bias', 'mid', 'unbias', 'rand'}
     and all(0.0 <= v <= 1.0 for v in scores.values()))

# ----------------------------------------------------------------------- scene_bias.py
SB = 'tools/analysis/scene_bias.py'
for name, args, frags in [('num_frames_0', ['--num-frames', '0'], ['--num-frames', '0']),
                          ('test_size_above_1', ['--test-size', '1.5'], ['--test-size', '1.5']),
                          ('input_size_0', ['--input-size', '0'], ['--input-size', '0']),
                          ('num_classes_1', ['--num-classes', '1'], ['--num-classes', '1'])]:
    case(f'scene_bias_{name}', 'scene_bias.py',
         lambda tmp, a=args: tool(SB).main(['nope.py', 'nope.pth', 'l.txt', *a]),
         raises=SystemExit, match=frags)
case('scene_bias_corrupt_video', 'scene_bias.py',
     lambda tmp: tool(SB).sample_frames(media.corrupt_middle(tmp), 8, 32), raises=OSError,
     match=['corrupt.mp4', 'Replace the file'])
case('scene_bias_zero_byte_video', 'scene_bias.py',
     lambda tmp: tool(SB).sample_frames(media.zero_byte(tmp), 8, 32), raises=OSError,
     match=['zero.mp4', 'Replace the file'])
case('scene_bias_1_frame_video', 'scene_bias.py',
     lambda tmp: tool(SB).sample_frames(media.write(tmp, 'one.mp4', media.frames(1)), 8, 32),
     check=lambda frames: tuple(frames.shape) == (8, 3, 32, 32))
case('scene_bias_fewer_num_classes_than_labels', 'scene_bias.py',
     lambda tmp: tool(SB).check_num_classes(2, np.array([0, 1, 2, 3]), 'l.txt'),
     raises=SystemExit, match=['--num-classes 2', '4', 'l.txt'])

# ----------------------------------------------------------------------- motion_shapes_reliance
MSR = 'tools/analysis/motion_shapes_reliance.py'
case('reliance_unknown_video_id', 'motion_shapes_reliance.py',
     lambda tmp: tool(MSR).breakdown([dict(protocol='scuba', video_id='zz', label=0, pred=0)],
                                     {'a': True}),
     raises=KeyError, match=["'zz'", 'original.json'])
case('reliance_breakdown_counts', 'motion_shapes_reliance.py',
     lambda tmp: tool(MSR).breakdown([dict(protocol='scuba', video_id='a', label=0, pred=0),
                                      dict(protocol='scuba', video_id='b', label=0, pred=1)],
                                     {'a': True, 'b': False}),
     check=lambda r: r == {'scuba': {'all': (50.0, 2), 'aligned': (100.0, 1),
                                     'conflicting': (0.0, 1)}})


SLOW = {'detect_humans_mmdet_worker_after_openmp'}  # a fresh interpreter builds a detector


@pytest.mark.parametrize(
    'bad', [pytest.param(c, marks=pytest.mark.slow) if c.id in SLOW else c for c in CASES],
    ids=ids(CASES))
def test_bad_input(bad, tmp_path):
    assert_case(bad, tmp_path)
