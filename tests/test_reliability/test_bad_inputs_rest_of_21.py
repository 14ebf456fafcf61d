"""Bad inputs that were still silent or unclear after the first campaigns: class labels
outside the model's classes when no dataset ``num_classes`` is given (train and test,
through ``tools/train.py`` / ``tools/test.py``), misspelled keys of the annotation formats,
clips shorter than the sampled span, NaN / negative / non-numeric loss weights and
probabilities in every component's config, grayscale videos through every decoder,
zero-byte / truncated / non-checkpoint files in the checkpoint loading paths, empty
annotation lists, and two noisy outputs (the random-state warning of ``tools/test.py``,
mmengine's per-parameter init lines in the benchmarks).

Every case ends in a clear error (naming the file / key / value and the fix) or a
documented correct result; see :mod:`tests.test_reliability.campaign`."""
import contextlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from mmaction.registry import DATASETS, HOOKS, MODELS, TRANSFORMS

from tests.scripts import REPO_ROOT, load_script
from tests.test_reliability import media
from tests.test_reliability.campaign import Case, assert_case, caught_warnings, ids

CASES = []
NAN, INF = float('nan'), float('inf')
VIDEOS = str(Path(REPO_ROOT) / 'tests' / 'data' / 'videos')
GOOD_LIST = 'test.mp4 0\ndemo.mp4 1\ntest.avi 0\npart_0.mp4 1\n'


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


# ----------------------------------------------------------------------- the tools
TOOLS = {}


def tool(path):
    if path not in TOOLS:
        TOOLS[path] = load_script(path, Path(path).stem + '_rest21_tool', register=True)
    return TOOLS[path]


def run_tool(path, argv):
    """``main()`` of ``tools/train.py`` / ``tools/test.py`` with ``argv``; returns stdout
    (their log goes to stdout too)."""
    out = io.StringIO()
    saved = sys.argv
    sys.argv = [path] + [str(a) for a in argv]
    try:
        with contextlib.redirect_stdout(out):
            tool(path).main()
    finally:
        sys.argv = saved
    return out.getvalue()


def write_list(tmp, text, name='list.txt'):
    path = Path(tmp) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


def tiny_config(tmp, train_list=None, test_list=None, test_dataset=None, extra=''):
    """A config of the tiny TSN-R18 smoke test (2 classes, the 4 test videos) with the given
    annotation lists; returns its path."""
    train_list = train_list or write_list(tmp, GOOD_LIST, 'train.txt')
    test_list = test_list or write_list(tmp, GOOD_LIST, 'test.txt')
    test_dataset = test_dataset or (
        f"dict(type='VideoDataset', ann_file={test_list!r}, data_prefix=dict(video={VIDEOS!r}),"
        ' pipeline={{_base_.val_pipeline}}, test_mode=True)')
    text = f"""_base_ = [{str(Path(REPO_ROOT) / 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py')!r}]
train_dataloader = dict(dataset=dict(ann_file={train_list!r}, data_prefix=dict(video={VIDEOS!r})))
val_dataloader = None
val_cfg = None
val_evaluator = None
test_dataloader = dict(dataset=dict(_delete_=True, **{test_dataset}))
train_cfg = dict(max_epochs=1, val_interval=10)
default_hooks = dict(logger=dict(interval=1), checkpoint=dict(save_best=None))
# unique: mmengine reuses the logger / visualizer of a runner with the same name (two runs
# of one config within a second), whose work dir is gone by then
experiment_name = {Path(tmp).name!r}
{extra}
"""
    path = Path(tmp) / 'cfg.py'
    path.write_text(text)
    return str(path)


def tiny_checkpoint(tmp, name='model.pth', random_state=False):
    """A checkpoint of the tiny config's model (state dict only unless ``random_state``)."""
    from mmengine.config import Config
    cfg = Config.fromfile(str(Path(REPO_ROOT) / 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'))
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    path = Path(tmp) / name
    ckpt = dict(state_dict=model.state_dict(), meta=dict())
    if random_state:
        ckpt['mmdebias_random_state'] = dict()
    torch.save(ckpt, path)
    return str(path)


def train(tmp, cfg, *extra):
    return run_tool('tools/train.py', [cfg, '--work-dir', Path(tmp) / 'work', *extra])


def run_test_py(tmp, cfg, checkpoint=None, *extra):
    checkpoint = checkpoint or tiny_checkpoint(tmp)
    return run_tool('tools/test.py', [cfg, checkpoint, '--work-dir', Path(tmp) / 'work',
                                      '--out', Path(tmp) / 'results.json', *extra])


def metrics_written(tmp):
    return json.loads((Path(tmp) / 'results.json').read_text())


# ----------------------------------------------------------------------- labels vs classes
LBL = 'labels vs model classes'
BAD_LIST = 'test.mp4 0\ndemo.mp4 7\ntest.avi 0\npart_0.mp4 1\n'
case('train_list_label_beyond_num_classes', LBL,
     lambda tmp: train(tmp, tiny_config(tmp, train_list=write_list(tmp, BAD_LIST))),
     raises=ValueError, match=['train_dataloader', 'list.txt:2', 'label 7', 'demo.mp4',
                               '2 classes', 'num_classes'])
case('test_list_label_beyond_num_classes', LBL,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_list=write_list(tmp, BAD_LIST))),
     raises=ValueError, match=['test_dataloader', 'list.txt:2', 'label 7', 'demo.mp4',
                               'num_classes'])
case('train_list_negative_label', LBL,
     lambda tmp: train(tmp, tiny_config(tmp, train_list=write_list(
         tmp, 'test.mp4 0\ndemo.mp4 -1\ntest.avi 0\npart_0.mp4 1\n'))),
     raises=ValueError, match=['list.txt:2', 'label -1', 'unlabelled'])
case('test_list_line_without_label', LBL,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_list=write_list(
         tmp, 'test.mp4 0\ndemo.mp4\ntest.avi 0\npart_0.mp4 1\n'))),
     raises=ValueError, match=['list.txt:2', 'label -1', 'unlabelled'])
case('test_list_many_bad_labels_counted', LBL,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_list=write_list(
         tmp, ''.join(f'test.mp4 {i}\n' for i in range(12))))),
     raises=ValueError, match=['10 annotation(s)', 'list.txt:3', 'and 5 more'])


def bias_json(tmp, entries, name='bias.json'):
    path = Path(tmp) / name
    path.write_text(json.dumps(entries))
    return str(path)


def bias_entry(i, label, **extra):
    return dict(filename=f'{["test.mp4", "demo.mp4"][i % 2]}', label=label,
                video_id=f'v{i}', protocol='scuba', **extra)


def bias_dataset_cfg(ann):
    return (f"dict(type='BiasVideoDataset', ann_file={ann!r}, data_prefix=dict(video="
            f'{VIDEOS!r}), pipeline={{{{_base_.val_pipeline}}}}, test_mode=True)')


case('test_bias_dataset_label_beyond_num_classes', LBL,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_dataset=bias_dataset_cfg(
         bias_json(tmp, [bias_entry(0, 0), bias_entry(1, 5)]))),
         ), raises=ValueError, match=['bias.json: entry 1', 'label 5', 'num_classes'])
case('test_bias_dataset_static_label_beyond_num_classes', LBL,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_dataset=bias_dataset_cfg(
         bias_json(tmp, [bias_entry(0, 0), bias_entry(1, 1, static_label=3)]))),
         ), raises=ValueError, match=['bias.json: entry 1', 'static_label 3'])
case('test_concat_second_dataset_bad', LBL,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_dataset=(
         "dict(type='ConcatDataset', datasets=[" + bias_dataset_cfg(
             bias_json(tmp, [bias_entry(0, 0)], 'a.json')) + ', ' + bias_dataset_cfg(
             bias_json(tmp, [bias_entry(0, 9)], 'b.json')) + '])')),
         ), raises=ValueError, match=['b.json: entry 0', 'label 9'])
case('test_labels_in_range_metrics', LBL,
     lambda tmp: (run_test_py(tmp, tiny_config(tmp)), metrics_written(tmp))[1],
     check=lambda m: 'acc/top1' in m)


def hook_on_dataset(tmp, lines, num_classes=3, multi_class=False):
    """DatasetCheckHook's check on a built VideoDataset, as the hook runs it."""
    from mmdebias.engine.hooks.dataset_check_hook import check_dataset
    ds = DATASETS.build(dict(type='VideoDataset', ann_file=write_list(tmp, lines),
                             pipeline=[], multi_class=multi_class,
                             num_classes=num_classes if multi_class else None))
    check_dataset(ds, num_classes, 'train_dataloader')
    return len(ds)


case('hook_multi_class_index_beyond', LBL,
     lambda tmp: hook_on_dataset(tmp, 'a.mp4 0 2\nb.mp4 1 3\n', multi_class=True),
     raises=ValueError, match=['list.txt:2', 'label 3', '3 classes'])
case('hook_multi_class_in_range', LBL,
     lambda tmp: hook_on_dataset(tmp, 'a.mp4 0 2\nb.mp4 1\n', multi_class=True),
     check=lambda n: n == 2)


def debias_head_loss(labels):
    """DebiasHead's training loss on a batch with the given hard labels (4 classes)."""
    from mmaction.structures import ActionDataSample
    torch.manual_seed(0)
    head = MODELS.build(dict(type='DebiasHead', head=I3D, objectives=[dict(
        type='SampleWeightObjective')]))
    samples = []
    for i, label in enumerate(labels):
        s = ActionDataSample().set_gt_label(label)
        s.set_metainfo(dict(filename=f'clip{i}.mp4'))
        s.set_field(1.0, 'sample_weight')
        samples.append(s)
    return head.loss(torch.randn(len(labels), 8, 1, 2, 2), samples)


case('debias_head_batch_label_beyond_num_classes', LBL, lambda tmp: debias_head_loss([0, 7]),
     raises=ValueError, match=['DebiasHead', 'filename=clip1.mp4', 'label 7', '[0, 4)'])
case('debias_head_batch_label_negative', LBL, lambda tmp: debias_head_loss([-1, 2]),
     raises=ValueError, match=['filename=clip0.mp4', 'label -1'])
case('debias_head_batch_labels_in_range', LBL, lambda tmp: debias_head_loss([0, 3]),
     check=lambda losses: bool(torch.isfinite(losses['loss_cls'])))
case('hook_registered', LBL, lambda tmp: type(HOOKS.build(dict(type='DatasetCheckHook'))).__name__,
     check=lambda n: n == 'DatasetCheckHook')

# ----------------------------------------------------------------------- annotation keys
KEYS = 'annotation keys'
BDS = dict(filename='clip.mp4', label=1, video_id='v', protocol='original')


def bias_dataset(tmp, entries, **kwargs):
    return DATASETS.build(dict(type='BiasVideoDataset', ann_file=bias_json(tmp, entries),
                               pipeline=[], data_prefix=dict(video=str(tmp)),
                               test_mode=True, **kwargs))


def renamed(entry, old, new):
    return {(new if k == old else k): v for k, v in entry.items()}


for name, entry, frags in [
        ('lable', renamed(BDS, 'label', 'lable'), ["'lable'", "did you mean 'label'"]),
        ('Label', renamed(BDS, 'label', 'Label'), ["'Label'", "did you mean 'label'"]),
        ('video-id', renamed(BDS, 'video_id', 'video-id'), ["'video-id'", "'video_id'"]),
        ('static_lable', dict(BDS, protocol='conflfg', static_lable=3),
         ["'static_lable'", "did you mean 'static_label'"]),
        ('backgroud', dict(BDS, backgroud='stripes'), ["'backgroud'", "'background'"]),
        ('pairid', dict(BDS, pairid='v#1'), ["'pairid'", "'pair_id'"]),
        ('filname', renamed(BDS, 'filename', 'filname'), ["'filname'", "'filename'"])]:
    case(f'bias_dataset_key_{name}', KEYS, lambda tmp, e=entry: bias_dataset(tmp, [BDS, e]),
         raises=ValueError, match=['bias.json', 'entry 1', 'did you mean'] + frags)
case('bias_dataset_key_protocl_with_protocol_argument', KEYS,
     lambda tmp: bias_dataset(tmp, [renamed(BDS, 'protocol', 'protocl')], protocol='original'),
     raises=ValueError, match=['entry 0', "'protocl'", "did you mean 'protocol'"])
case('bias_dataset_extra_keys_kept', KEYS,
     lambda tmp: bias_dataset(tmp, [dict(BDS, scene_label=3, source='ucf')]).get_data_info(0),
     check=lambda info: info['scene_label'] == 3 and info['source'] == 'ucf')
case('bias_dataset_extra_key_scene_label_without_static', KEYS,
     lambda tmp: bias_dataset(tmp, [dict(BDS, protocol='conflbg', scene_label=2)]).get_data_info(
         0), check=lambda info: info['scene_label'] == 2)


def items(tmp, records, **kwargs):
    from mmdebias.preparation import read_items
    path = Path(tmp) / 'items.json'
    path.write_text(json.dumps(records))
    return read_items(str(path), **kwargs)


case('read_items_json_key_lable', KEYS,
     lambda tmp: items(tmp, [dict(filename='a.mp4', lable=1, scene=0)]), raises=ValueError,
     match=['items.json', 'item 0', "'lable'", "did you mean 'label'"])
case('read_items_json_key_scnee_with_pseudo_labels', KEYS,
     lambda tmp: items(tmp, [dict(filename='a.mp4', label=1, scnee=0)],
                       pseudo_labels=pseudo(tmp)),
     raises=ValueError, match=['items.json', 'item 0', "'scnee'", "did you mean 'scene'"])


def pseudo(tmp, key='probs'):
    path = str(Path(tmp) / 'pl.npz')
    probs = np.array([[0.9, 0.1]], np.float32)
    np.savez(path, videos=np.array(['a.mp4']), top1=probs.argmax(1), **{key: probs})
    return path


case('pseudo_labels_key_prob', KEYS,
     lambda tmp: __import__('mmdebias.datasets.pseudo_labels', fromlist=['x']).load_pseudo_labels(
         pseudo(tmp, 'prob')), raises=ValueError,
     match=['pl.npz', "'prob'", "did you mean 'probs'"])

# ----------------------------------------------------------------------- short clips
SHORT = 'short clips'


def short_clip(tmp, frames=4, clip_len=8, frame_interval=1, loads=1, **kwargs):
    media.write(tmp, 'clip.mp4', media.frames(frames))
    pipeline = [dict(type='DecordInit'),
                dict(type='SampleFrames', clip_len=clip_len, frame_interval=frame_interval,
                     num_clips=1, test_mode=True),
                dict(type='DecordDecode')]
    ds = DATASETS.build(dict(type='BiasVideoDataset', ann_file=bias_json(tmp, [BDS]),
                             pipeline=pipeline, data_prefix=dict(video=str(tmp)),
                             test_mode=True, **kwargs))
    return [ds[0] for _ in range(loads)]


def warned_short(n_warnings=1):
    def check(result):
        outs, messages = result
        short = [m for m in messages if 'clip.mp4' in m and 'short_clips' in m]
        return len(outs[0]['inputs'] if 'inputs' in outs[0] else outs[0]['imgs']) > 0 and \
            len(short) == n_warnings and all(
                '4 frames' in m and '8' in m and 'clip_len' in m for m in short)
    return check


case('short_clip_warned', SHORT, lambda tmp: caught_warnings(lambda: short_clip(tmp)),
     check=warned_short(1))
case('short_clip_warned_once', SHORT,
     lambda tmp: caught_warnings(lambda: short_clip(tmp, loads=3)), check=warned_short(1))
case('short_clip_error_switch', SHORT, lambda tmp: short_clip(tmp, short_clips='error'),
     raises=ValueError, match=['clip.mp4', 'entry 0', '4 frames', 'clip_len', "short_clips"])
case('short_clip_frame_interval', SHORT,
     lambda tmp: short_clip(tmp, frames=6, clip_len=4, frame_interval=2, short_clips='error'),
     raises=ValueError, match=['clip.mp4', '6 frames', '7'])
case('short_clip_loop_switch_silent', SHORT,
     lambda tmp: caught_warnings(lambda: short_clip(tmp, short_clips='loop')),
     check=lambda r: not any('short_clips' in m for m in r[1]) and len(r[0][0]['imgs']) == 8)
case('short_clip_exact_length_no_warning', SHORT,
     lambda tmp: caught_warnings(lambda: short_clip(tmp, frames=8)),
     check=lambda r: not any('short_clips' in m for m in r[1]))
case('short_clips_switch_typo', SHORT, lambda tmp: short_clip(tmp, short_clips='raise'),
     raises=ValueError, match=['short_clips', "'raise'", "'warn'"])

# ----------------------------------------------------------------------- weights
BAD_WEIGHTS = [('nan', NAN, 'nan'), ('negative', -1.0, '-1'), ('inf', INF, 'inf'),
               ('string', '1', "'1'"), ('none', None, 'None'), ('bool', True, 'True')]
I3D = dict(type='I3DHead', num_classes=4, in_channels=8, spatial_type='avg')
WEIGHTS = [  # component, build(value), argument
    ('ALBARObjective', 'loss_motion_weight',
     lambda v: MODELS.build(dict(type='ALBARObjective', loss_motion_weight=v))),
    ('ALBARObjective', 'loss_static_weight',
     lambda v: MODELS.build(dict(type='ALBARObjective', loss_static_weight=v))),
    ('ALBARObjective', 'loss_entropy_weight',
     lambda v: MODELS.build(dict(type='ALBARObjective', loss_entropy_weight=v))),
    ('ALBARObjective', 'loss_gp_weight',
     lambda v: MODELS.build(dict(type='ALBARObjective', loss_gp_weight=v))),
    ('ALBARObjective', 'gradient penalty scale',
     lambda v: MODELS.build(dict(type='ALBARObjective')).set_gradient_penalty_scale(v)),
    ('ALBARHead', 'loss_static_weight',
     lambda v: MODELS.build(dict(type='ALBARHead', head=I3D, loss_static_weight=v))),
    ('HumanMaskConfusionHead', 'loss_weight',
     lambda v: MODELS.build(dict(type='HumanMaskConfusionHead', head=I3D, loss_weight=v))),
    ('MaskConfusionObjective', 'loss_weight',
     lambda v: MODELS.build(dict(type='MaskConfusionObjective', num_classes=4, loss_weight=v))),
    ('ProductOfExpertsObjective', 'loss_expert_weight',
     lambda v: MODELS.build(dict(type='ProductOfExpertsObjective', num_classes=4,
                                 expert=dict(type='FrameExpert'), loss_expert_weight=v))),
    ('BiasReweightObjective', 'loss_expert_weight',
     lambda v: MODELS.build(dict(type='BiasReweightObjective', num_classes=4,
                                 expert=dict(type='FrameExpert'), loss_expert_weight=v))),
    ('AspectAdversary', 'loss_weight',
     lambda v: MODELS.build(dict(type='AspectAdversary', name='scene', num_classes=3,
                                 in_channels=4, loss_weight=v))),
    ('AdversarialAspectNeck', 'kl_weight',
     lambda v: MODELS.build(dict(type='AdversarialAspectNeck', in_channels=8, aspects=[
         dict(name='scene', num_classes=3, kl_weight=v)]))),
    ('AdversarialAspectNeck', 'soft_ce_weight',
     lambda v: MODELS.build(dict(type='AdversarialAspectNeck', in_channels=8, aspects=[
         dict(name='scene', num_classes=3, soft_ce_weight=v)]))),
    ('NegativeEntropyLoss', 'loss_weight',
     lambda v: MODELS.build(dict(type='NegativeEntropyLoss', loss_weight=v))),
    ('KLDivergenceLoss', 'loss_weight',
     lambda v: MODELS.build(dict(type='KLDivergenceLoss', loss_weight=v))),
    ('GRLScheduleHook', 'grl_lambda',
     lambda v: HOOKS.build(dict(type='GRLScheduleHook', grl_lambda=v))),
    ('GradientReversal', 'grl_lambda',
     lambda v: __import__('mmdebias.models.utils', fromlist=['x']).GradientReversal(v)),
    ('LoadSampleWeight', 'default',
     lambda v: TRANSFORMS.build(dict(type='LoadSampleWeight', weight_file='w.json',
                                     default=v))),
    ('StillMixBlending', 'prob', lambda v: MODELS.build(dict(type='StillMixBlending', prob=v))),
    ('VideoMixBlending', 'prob',
     lambda v: MODELS.build(dict(type='VideoMixBlending', num_classes=4, prob=v))),
    ('StaticSwapBlending', 'prob',
     lambda v: MODELS.build(dict(type='StaticSwapBlending', prob=v))),
    ('BlendingList', 'probs', lambda v: MODELS.build(dict(
        type='BlendingList', blendings=[dict(type='StaticSwapBlending')], probs=[v]))),
]
DOCUMENTED_NONE = ('LoadSampleWeight', 'GRLScheduleHook')  # None: no default / per layer
for component, argument, build in WEIGHTS:
    for name, value, shown in BAD_WEIGHTS:
        if component in DOCUMENTED_NONE and value is None:
            continue
        # GradientReversal keeps its TypeError for a value that is not a number
        error = TypeError if component == 'GradientReversal' and name in ('string', 'none') \
            else ValueError
        case(f'weight_{component}_{argument.replace(" ", "_")}_{name}', component,
             lambda tmp, b=build, v=value: b(v), raises=error,
             match=[argument.split()[-1] if ' ' in argument else argument, shown])
case('ALBARObjective_zero_weight_switches_off', 'ALBARObjective',
     lambda tmp: MODELS.build(dict(type='ALBARObjective', loss_static_weight=0)),
     check=lambda o: o.loss_static_weight == 0.0)
case('GRLScheduleHook_grl_lambda_none_is_per_layer', 'GRLScheduleHook',
     lambda tmp: HOOKS.build(dict(type='GRLScheduleHook', grl_lambda=None)).grl_lambda,
     check=lambda a: a is None)
case('LoadSampleWeight_file_weight_true', 'LoadSampleWeight',
     lambda tmp: TRANSFORMS.build(dict(type='LoadSampleWeight', weight_file=write_list(
         tmp, '{"a.mp4": true}', 'w.json')))(dict(filename='a.mp4')), raises=ValueError,
     match=['w.json', "'a.mp4'", 'True', 'make_sample_weights'])
case('prob_above_1', 'StillMixBlending',
     lambda tmp: MODELS.build(dict(type='StillMixBlending', prob=1.5)), raises=ValueError,
     match=['prob', '[0, 1]', '1.5'])

# ----------------------------------------------------------------------- grayscale videos
GRAY = 'grayscale videos'


def gray_video(tmp, name='clip.avi', fourcc='FFV1', depth16=False, frames=8):
    """A true grayscale video (FFV1 gray8 / gray16le pixel format), written by OpenCV."""
    import cv2
    path = str(Path(tmp) / name)
    clip = media.frames(frames)[..., 0]
    params = [cv2.VIDEOWRITER_PROP_IS_COLOR, 0]
    if depth16:
        params += [cv2.VIDEOWRITER_PROP_DEPTH, cv2.CV_16U]
        clip = clip.astype(np.uint16) * 257
    writer = cv2.VideoWriter(path, cv2.CAP_FFMPEG, cv2.VideoWriter_fourcc(*fourcc), 25,
                             (clip.shape[2], clip.shape[1]), params)
    assert writer.isOpened()
    for frame in clip:
        writer.write(frame)
    writer.release()
    return path, media.frames(frames)[..., 0]


def gray_ok(shape):
    """Frames of ``shape`` (..., 3) whose three channels are equal and match the source."""
    def check(result):
        frames, source, first = result  # first: the index of frames[0] in the video
        frames = np.asarray(frames)
        return frames.shape[-3:] == shape and frames.dtype == np.uint8 and (
            frames[..., 0] == frames[..., 1]).all() and (frames[..., 0] == frames[..., 2]).all(
        ) and np.abs(frames[0, ..., 0].astype(int) - source[first]).max() <= 1
    return check


def gray_dataset(tmp, decoder='Decord', **video):
    path, source = gray_video(tmp, **video)
    init = dict(type=f'{decoder}Init')
    pipeline = [init, dict(type='SampleFrames', clip_len=4, num_clips=1, test_mode=True),
                dict(type=f'{decoder}Decode')]
    ds = DATASETS.build(dict(type='BiasVideoDataset', ann_file=bias_json(
        tmp, [dict(BDS, filename=Path(path).name)]), pipeline=pipeline,
        data_prefix=dict(video=str(tmp)), test_mode=True))
    out = ds[0]
    return np.stack(out['imgs']), source, int(out['frame_inds'][0])


case('gray8_video_decord_pipeline', GRAY, lambda tmp: gray_dataset(tmp),
     check=gray_ok((64, 64, 3)))
case('gray16_video_decord_pipeline', GRAY, lambda tmp: gray_dataset(tmp, depth16=True),
     check=gray_ok((64, 64, 3)))
case('gray8_mjpeg_video_decord_pipeline', GRAY,
     lambda tmp: gray_dataset(tmp, fourcc='MJPG'),
     check=lambda r: np.asarray(r[0]).shape[-3:] == (64, 64, 3))
case('gray8_video_opencv_pipeline', GRAY, lambda tmp: gray_dataset(tmp, 'OpenCV'),
     check=gray_ok((64, 64, 3)))


def gray_read_video(tmp):
    from mmdebias.preparation.video_io import read_video
    path, source = gray_video(tmp)
    return read_video(path)[0], source, 0


def gray_frame_loader(tmp):
    from mmdebias.preparation.frame_loader import FrameLoader
    path, source = gray_video(tmp)
    inputs, inds = FrameLoader(short_side=64, crop_size=64, num_frames=2)(path)
    return inputs.permute(0, 2, 3, 1).numpy(), source, int(inds[0])


def gray_rawframes(tmp):
    frames = media.frames(4)[..., 0]
    for i, frame in enumerate(frames):
        media.png(Path(tmp) / 'frames' / f'img_{i + 1:05d}.png', frame)
    results = TRANSFORMS.build(dict(type='RawFrameDecode'))(dict(
        frame_dir=str(Path(tmp) / 'frames'), filename_tmpl='img_{:05d}.png',
        frame_inds=np.arange(1, 5), modality='RGB', clip_len=4, num_clips=1, start_index=1))
    return np.stack(results['imgs']), frames, 0


case('gray8_video_read_video', GRAY, gray_read_video, check=gray_ok((64, 64, 3)))
case('gray8_video_frame_loader', GRAY, gray_frame_loader, check=gray_ok((64, 64, 3)))
case('gray_png_rawframes', GRAY, gray_rawframes, check=gray_ok((64, 64, 3)))

# ----------------------------------------------------------------------- checkpoint files
CKPT = 'checkpoint files'


def zero_byte_file(tmp, name='model.pth'):
    path = Path(tmp) / name
    path.write_bytes(b'')
    return str(path)


def truncated_ckpt(tmp, name='model.pth'):
    good = Path(tiny_checkpoint(tmp, 'good.pth')).read_bytes()
    path = Path(tmp) / name
    path.write_bytes(good[:len(good) // 2])
    return str(path)


def lfs_pointer(tmp, name='model.pth'):
    path = Path(tmp) / name
    path.write_text('version https://git-lfs.github.com/spec/v1\noid sha256:0123\nsize 9\n')
    return str(path)


def html_page(tmp, name='model.pth'):
    path = Path(tmp) / name
    path.write_text('<!DOCTYPE html><html><body>404 Not Found</body></html>')
    return str(path)


def mmengine_load(path):
    """mmengine's load_checkpoint inside the block the project's tools load in."""
    from mmengine.runner import load_checkpoint

    from mmdebias.utils import safe_checkpoint_loading
    with safe_checkpoint_loading():
        return load_checkpoint(torch.nn.Linear(2, 2), path, map_location='cpu')


for name, make, frags in [('zero_byte', zero_byte_file, ['0 bytes', 'empty']),
                          ('truncated', truncated_ckpt, ['truncated']),
                          ('git_lfs_pointer', lfs_pointer, ['Git LFS', 'git lfs pull']),
                          ('html_page', html_page, ['not a PyTorch checkpoint'])]:
    case(f'test_py_checkpoint_{name}', CKPT,
         lambda tmp, m=make: run_test_py(tmp, tiny_config(tmp), m(tmp)),
         raises=ValueError, match=['model.pth'] + frags)
    case(f'load_checkpoint_{name}', CKPT, lambda tmp, m=make: mmengine_load(m(tmp)),
         raises=ValueError, match=['model.pth'] + frags)
    case(f'export_stock_checkpoint_{name}', CKPT,
         lambda tmp, m=make: tool('tools/model_converters/export_stock_checkpoint.py').main([
             str(Path(REPO_ROOT) / 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'), m(tmp),
             str(Path(tmp) / 'out.pth')]),
         raises=ValueError, match=['model.pth'] + frags)
case('train_py_load_from_zero_byte', CKPT,
     lambda tmp: train(tmp, tiny_config(tmp, extra=f'load_from = {zero_byte_file(tmp)!r}')),
     raises=ValueError, match=['model.pth', '0 bytes'])
case('train_py_resume_truncated', CKPT,
     lambda tmp: train(tmp, tiny_config(tmp), '--resume', truncated_ckpt(tmp)),
     raises=ValueError, match=['model.pth', 'truncated'])
case('load_checkpoint_directory', CKPT, lambda tmp: mmengine_load(str(tmp)),
     raises=IsADirectoryError, match=['is a directory'])
case('load_checkpoint_good', CKPT,
     lambda tmp: sorted(torch.load(tiny_checkpoint(tmp), weights_only=True)),
     check=lambda keys: keys == ['meta', 'state_dict'])

# ----------------------------------------------------------------------- empty lists
EMPTY = 'empty annotation lists'
case('test_py_empty_test_list', EMPTY,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_list=write_list(tmp, '', 'empty.txt'))),
     raises=ValueError, match=['test_dataloader', 'empty.txt', 'empty', 'ann_file'])
case('test_py_blank_lines_test_list', EMPTY,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_list=write_list(tmp, '\n \n', 'empty.txt'))),
     raises=ValueError, match=['test_dataloader', 'empty.txt', 'empty'])
case('train_py_empty_train_list', EMPTY,
     lambda tmp: train(tmp, tiny_config(tmp, train_list=write_list(tmp, '', 'empty.txt'))),
     raises=ValueError, match=['train_dataloader', 'empty.txt', 'empty'])
case('test_py_empty_list_in_concat', EMPTY,
     lambda tmp: run_test_py(tmp, tiny_config(tmp, test_dataset=(
         "dict(type='ConcatDataset', datasets=[" + bias_dataset_cfg(
             bias_json(tmp, [bias_entry(0, 0)], 'a.json')) + ", dict(type='VideoDataset', "
         f"ann_file={write_list(tmp, '', 'empty.txt')!r}, pipeline={{{{_base_.val_pipeline}}}})])"))),
     raises=ValueError, match=['test_dataloader', 'empty.txt', 'empty'])
case('hook_unserialised_empty_dataset', EMPTY,
     lambda tmp: __import__('mmdebias.engine.hooks.dataset_check_hook', fromlist=['x'])
     .check_dataset(DATASETS.build(dict(type='VideoDataset', ann_file=write_list(
         tmp, '', 'empty.txt'), pipeline=[], serialize_data=False)), 2, 'test_dataloader'),
     raises=ValueError, match=['test_dataloader', 'empty.txt', 'no samples'])

# ----------------------------------------------------------------------- noisy output
NOISE = 'noisy output'
case('test_py_no_random_state_warning', NOISE,
     lambda tmp: run_test_py(tmp, tiny_config(tmp)),
     check=lambda log: 'acc/top1' in log and 'RandomStateHook' not in log.split(
         'Hooks will be executed')[-1].split('Epoch(test)')[-1] and 'random state' not in log)


def bench_init_lines(tmp):
    """Per-parameter init lines printed while ``bench/bench_albar.py`` builds a model (its
    ``build``, run in a fresh interpreter as the benchmark runs it)."""
    import os
    import subprocess
    code = ('import argparse, sys; sys.path.insert(0, "bench"); import bench_albar; '
            'bench_albar.build("plain", argparse.Namespace())')
    proc = subprocess.run([sys.executable, '-c', code], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, OMP_NUM_THREADS='1'))
    assert proc.returncode == 0, proc.stderr[-2000:]
    return (proc.stdout + proc.stderr).count('torch.Size')


case('bench_albar_no_init_flood', NOISE, bench_init_lines, check=lambda n: n == 0)


@pytest.mark.parametrize('bad', CASES, ids=ids(CASES))
def test_bad_input(bad, tmp_path):
    assert_case(bad, tmp_path)
