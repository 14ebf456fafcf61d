"""Bad inputs for the datasets and transforms: BiasVideoDataset, the video reader, HumanMask
and the detection cache, StaticFrameRepeat, LoadAspectLabels and the pseudo-label file, the
split functions of SMAD / OmniDebias and the bias-benchmark builder.

Every case ends in a clear error (its type, and a message naming the file / key / value and
the fix) or a documented correct result; see :mod:`tests.test_reliability.campaign`."""
import json
from pathlib import Path

import numpy as np
import pytest
from mmaction.registry import DATASETS, TRANSFORMS

from mmdebias.datasets.detection_cache import cache_path, load_detections, save_detections
from mmdebias.datasets.pseudo_labels import load_pseudo_labels, save_pseudo_labels
from mmdebias.preparation import (BiasBenchmarkBuilder, facet_split, omnidebias_select,
                                  read_items)
from tests.test_reliability import media
from tests.test_reliability.campaign import Case, assert_case, ids

CASES = []


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


# ----------------------------------------------------------------------- BiasVideoDataset
DS = 'BiasVideoDataset'
GOOD = dict(filename='clip.mp4', label=1, video_id='v', protocol='original')
DECODE = [dict(type='DecordInit'),
          dict(type='SampleFrames', clip_len=4, frame_interval=1, num_clips=1, test_mode=True),
          dict(type='DecordDecode')]


def ann(tmp, entries, name='ann.json'):
    path = Path(tmp) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(entries if isinstance(entries, str) else json.dumps(entries))
    return str(path)


def dataset(tmp, entries, pipeline=(), **kwargs):
    kwargs.setdefault('data_prefix', dict(video=str(tmp)))
    return DATASETS.build(dict(type=DS, ann_file=ann(tmp, entries), pipeline=list(pipeline),
                               test_mode=True, **kwargs))


def entry(**change):
    out = dict(GOOD, **change)
    return {k: v for k, v in out.items() if v is not ...}


def load_one(tmp, video, name='clip.mp4', pipeline=DECODE):
    """Decode the one clip of a one-entry dataset; ``video(tmp)`` writes the file."""
    video(tmp)
    return dataset(tmp, [entry(filename=name)], pipeline)[0]


def frames_ok(n, shape):
    return lambda out: (len(out['imgs']) == n and all(
        f.shape == shape and f.dtype == np.uint8 for f in out['imgs']))


for name, change, frags in [
        ('label_minus_one', dict(label=-1), ["'label'", '-1', 'class index']),
        ('static_label_negative', dict(protocol='conflfg', static_label=-2),
         ["'static_label'", '-2', 'class index']),
        ('label_str', dict(label='3'), ["'label'", 'expected int']),
        ('label_float', dict(label=3.0), ["'label'", 'expected int']),
        ('label_bool', dict(label=True), ["'label'", 'expected int']),
        ('label_list', dict(label=[1, 2]), ["'label'", 'expected int']),
        ('label_missing', dict(label=...), ["'label'", 'missing']),
        ('video_id_missing', dict(video_id=...), ["'video_id'", 'missing']),
        ('filename_empty', dict(filename=''), ["'filename'", 'empty']),
        ('protocol_typo', dict(protocol='scbua'), ["'protocol'", 'scbua', 'original']),
        ('static_label_bool', dict(protocol='conflfg', static_label=False),
         ["'static_label'", 'expected int'])]:
    case(f'dataset_{name}', DS, lambda tmp, c=change: dataset(tmp, [entry(**c)]),
         raises=ValueError, match=['ann.json', 'entry 0'] + frags)

case('dataset_label_beyond_num_classes', DS,
     lambda tmp: dataset(tmp, [entry(label=10**6)], num_classes=10), raises=ValueError,
     match=['ann.json', 'entry 0', "'label'", '1000000', 'num_classes=10'])
case('dataset_static_label_beyond_num_classes', DS,
     lambda tmp: dataset(tmp, [entry(protocol='conflfg', static_label=10)], num_classes=10),
     raises=ValueError, match=['ann.json', "'static_label'", '10', 'num_classes=10'])
case('dataset_label_nan', DS, lambda tmp: dataset(tmp, '[{"filename": "a.mp4", "label": NaN, '
                                                  '"video_id": "a", "protocol": "original"}]'),
     raises=ValueError, match=['ann.json', "'label'", 'expected int'])
case('dataset_entry_not_dict', DS, lambda tmp: dataset(tmp, [['clip.mp4', 1]]),
     raises=ValueError, match=['ann.json', 'entry 0', 'expected a dict'])
case('dataset_top_level_dict', DS, lambda tmp: dataset(tmp, {'clips': [GOOD]}),
     raises=ValueError, match=['ann.json', 'expected a JSON list'])
case('dataset_empty_list', DS, lambda tmp: dataset(tmp, []), raises=ValueError,
     match=['ann.json', 'no clips'])
case('dataset_zero_byte_json', DS, lambda tmp: dataset(tmp, ''), raises=ValueError,
     match=['ann.json', 'empty', 'build_bias_benchmark'])
case('dataset_truncated_json', DS, lambda tmp: dataset(tmp, json.dumps([GOOD])[:30]),
     raises=ValueError, match=['ann.json', 'not valid JSON', 'line 1'])
case('dataset_duplicated_key', DS,
     lambda tmp: dataset(tmp, '[{"filename": "a.mp4", "label": 1, "label": 2, '
                         '"video_id": "a", "protocol": "original"}]'),
     raises=ValueError, match=['ann.json', 'entry 0', "'label'", 'more than once'])
case('dataset_duplicated_pair_id', DS,
     lambda tmp: dataset(tmp, [entry(), entry(filename='b.mp4')]), raises=ValueError,
     match=['ann.json', 'entry 1', "'pair_id'", 'repeats entry 0'])
case('dataset_missing_ann_file', DS,
     lambda tmp: DATASETS.build(dict(type=DS, ann_file=str(Path(tmp) / 'nope.json'),
                                     pipeline=[])),
     raises=FileNotFoundError, match=['nope.json'])
case('dataset_protocol_argument_typo', DS, lambda tmp: dataset(tmp, [GOOD], protocol='SCUBA'),
     raises=ValueError, match=['protocol must be None or one of', 'SCUBA'])
case('dataset_multi_class', DS, lambda tmp: dataset(tmp, [GOOD], multi_class=True),
     raises=ValueError, match=['multi_class'])
# decoding through the stock MMAction2 pipeline (DecordInit reads the bytes itself)
for name, writer in [('zero_byte', lambda t: media.zero_byte(t, 'clip.mp4')),
                     ('truncated', lambda t: media.truncated(t, 'clip.mp4')),
                     ('garbage', lambda t: media.garbage(t, 'clip.mp4')),
                     ('corrupt_packets', lambda t: media.corrupt_middle(t, 'clip.mp4'))]:
    case(f'dataset_video_{name}', DS,
         lambda tmp, w=writer: load_one(tmp, w),
         raises=OSError, match=['clip.mp4', 'entry 0', 'ann.json', 'Replace the file'])
case('dataset_video_missing', DS, lambda tmp: load_one(tmp, lambda t: None),
     raises=FileNotFoundError, match=['clip.mp4', 'entry 0', 'data_prefix'])
case('dataset_video_1_frame', DS,
     lambda tmp: load_one(tmp, lambda t: media.write(t, 'clip.mp4', media.frames(1))),
     check=frames_ok(4, (64, 64, 3)))
case('dataset_video_4_frames_clip_len_8', DS,
     lambda tmp: load_one(tmp, lambda t: media.write(t, 'clip.mp4', media.frames(4)),
                          pipeline=[dict(type='DecordInit'),
                                    dict(type='SampleFrames', clip_len=8, num_clips=1,
                                         test_mode=True),
                                    dict(type='DecordDecode')]),
     check=frames_ok(8, (64, 64, 3)))
case('dataset_video_grayscale', DS,
     lambda tmp: load_one(tmp, lambda t: media.write(t, 'clip.mp4', media.frames(4)[..., 0],
                                                     gray=True)),
     check=frames_ok(4, (64, 64, 3)))
case('dataset_unicode_and_spaces_in_path', DS,
     lambda tmp: load_one(tmp, lambda t: media.copy(t, 'vidéos d’été/clip ü 1.mp4'),
                          name='vidéos d’été/clip ü 1.mp4'),
     check=frames_ok(4, (256, 340, 3)))
case('dataset_unicode_and_spaces_in_prefix', DS,
     lambda tmp: dataset(Path(tmp) / 'données vidéo', [GOOD], DECODE)[0]
     if media.copy(Path(tmp) / 'données vidéo', 'clip.mp4') else None,
     check=frames_ok(4, (256, 340, 3)))


# ----------------------------------------------------------------------- video reader
def read(tmp, writer, **kwargs):
    from mmdebias.preparation.video_io import read_video
    return read_video(writer(tmp), **kwargs)


for name, writer, fname in [('zero_byte', media.zero_byte, 'zero.mp4'),
                            ('truncated', media.truncated, 'truncated.mp4'),
                            ('garbage', media.garbage, 'garbage.mp4'),
                            ('corrupt_packets', media.corrupt_middle, 'corrupt.mp4')]:
    case(f'read_video_{name}', 'read_video', lambda tmp, w=writer: read(tmp, w),
         raises=OSError, match=[fname, 'Replace the file'])
case('read_video_missing', 'read_video', lambda tmp: read(tmp, lambda t: str(t / 'no.mp4')),
     raises=FileNotFoundError, match=['no.mp4'])
case('read_video_max_frames_0', 'read_video', lambda tmp: read(tmp, media.copy, max_frames=0),
     raises=ValueError, match=['max_frames', '0', '>= 1'])
case('read_video_16px_decord_channels', 'read_video',
     lambda tmp: read(tmp, lambda t: media.write(t, 'tiny.mp4', media.frames(4, 16, 16))),
     raises=OSError, match=['tiny.mp4', 'channels', 'decord'])
case('read_video_unicode_path', 'read_video',
     lambda tmp: read(tmp, lambda t: media.copy(t, 'ünï cödé/ä b.mp4'))[0].shape,
     check=lambda shape: shape == (32, 256, 340, 3))


# ----------------------------------------------------------------------- StaticFrameRepeat
SFR = 'StaticFrameRepeat'


def repeat(frame_index='middle', imgs=None):
    imgs = [np.full((8, 8, 3), i, np.uint8) for i in range(4)] if imgs is None else imgs
    return TRANSFORMS.build(dict(type=SFR, frame_index=frame_index))(
        dict(imgs=imgs, frame_inds=np.arange(len(imgs))))


for name, value in [('true', True), ('float', 1.5), ('word', 'first'), ('none', None)]:
    case(f'static_frame_repeat_index_{name}', SFR, lambda tmp, v=value: repeat(v),
         raises=ValueError, match=['frame_index', repr(value)])
case('static_frame_repeat_index_out_of_range', SFR, lambda tmp: repeat(10), raises=IndexError,
     match=['frame_index 10', '4 decoded frames'])
case('static_frame_repeat_no_frames', SFR, lambda tmp: repeat(imgs=[]), raises=ValueError,
     match=['no decoded frames'])
case('static_frame_repeat_16bit', SFR,
     lambda tmp: repeat(1, [np.full((4, 4, 3), 40000 + i, np.uint16) for i in range(3)]),
     check=lambda r: all(f.dtype == np.uint16 and (f == 40001).all() for f in r['imgs']))
case('static_frame_repeat_grayscale_2d', SFR,
     lambda tmp: repeat('middle', [np.full((4, 4), i, np.uint8) for i in range(3)]),
     check=lambda r: all(f.shape == (4, 4) and (f == 1).all() for f in r['imgs']))
case('static_frame_repeat_1_frame', SFR,
     lambda tmp: repeat('random', [np.ones((4, 4, 3), np.uint8)]),
     check=lambda r: len(r['imgs']) == 1 and r['static_frame_index'] == 0)


# ----------------------------------------------------------------------- HumanMask + cache
HM = 'HumanMask'
CACHE = 'detection cache'


def decoded(tmp, frame_inds=(10, 20, 30), video=None):
    video = video or media.copy(tmp, 'clip.mp4')
    results = dict(filename=video, start_index=0, modality='RGB')
    results = TRANSFORMS.build(dict(type='DecordInit'))(results)
    results['frame_inds'] = np.asarray(frame_inds)
    results['clip_len'], results['frame_interval'], results['num_clips'] = (
        len(frame_inds), 1, 1)
    return TRANSFORMS.build(dict(type='DecordDecode'))(results)


def write_cache(tmp, video, frame_inds, boxes, scores, frame_of_box, shape=(256, 340),
                raw=False):
    path = cache_path(video, str(Path(tmp) / 'cache'))
    arrays = dict(frame_inds=np.asarray(frame_inds), boxes=np.asarray(boxes, np.float32)
                  .reshape(-1, 4), scores=np.asarray(scores, np.float32),
                  frame_of_box=np.asarray(frame_of_box), img_shape=np.asarray(shape))
    if raw:  # bypass save_detections' validation, as a foreign tool would
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        np.savez(path, **arrays)
    else:
        save_detections(path, **arrays)
    return path


def human_mask(tmp, results=None, cache=None, **kwargs):
    tmp = Path(tmp)
    results = decoded(tmp) if results is None else results
    return TRANSFORMS.build(dict(type=HM, cache_root=str(cache or tmp / 'cache'),
                                 **kwargs))(results)


def with_cache(frame_inds, boxes, scores, frame_of_box, shape=(256, 340), raw=False,
               sample=(10, 20, 30), **kwargs):
    def run(tmp):
        results = decoded(tmp, sample)
        write_cache(tmp, results['filename'], frame_inds, boxes, scores, frame_of_box, shape,
                    raw)
        return human_mask(tmp, results, **kwargs)
    return run


for name, kwargs, frags in [
        ('score_thr_above_1', dict(score_thr=1.5), ['score_thr', '1.5', '[0, 1]']),
        ('score_thr_negative', dict(score_thr=-0.1), ['score_thr', '-0.1', '[0, 1]']),
        ('score_thr_nan', dict(score_thr=float('nan')), ['score_thr', 'nan']),
        ('mask_ratio_above_1', dict(mask_ratio=1.5), ['mask_ratio', '1.5']),
        ('max_frame_gap_negative', dict(max_frame_gap=-1), ['max_frame_gap', '-1']),
        ('max_frame_gap_bool', dict(max_frame_gap=True), ['max_frame_gap', 'True']),
        ('max_frame_gap_float', dict(max_frame_gap=2.5), ['max_frame_gap', '2.5']),
        ('missing_frames_typo', dict(missing_frames='closest'), ['missing_frames', 'closest']),
        ('on_low_detection_typo', dict(on_low_detection='ignore'),
         ['on_low_detection', 'ignore']),
        ('min_detection_ratio_above_1', dict(min_detection_ratio=70),
         ['min_detection_ratio', '70']),
        ('mode_typo', dict(mode='pairs'), ['mode', 'pairs']),
        ('detector_unknown', dict(detector=dict(type='yolo')), ['detector', 'yolo'])]:
    case(f'human_mask_{name}', HM,
         lambda tmp, k=kwargs: TRANSFORMS.build(dict(type=HM, cache_root=str(tmp), **k)),
         raises=ValueError, match=['HumanMask'] + frags)

# the detector scored frames 0-4 only (e.g. --max-frames 5); frame 31 is 27 frames away
case('human_mask_far_frame_borrows_boxes', HM,
     with_cache(np.arange(5), [[10, 10, 100, 100]], [0.9], [4], sample=(2, 31)),
     raises=ValueError, match=['clip.mp4', '[31]', 'max_frame_gap', 'detect_humans'])
case('human_mask_far_frame_any_gap_when_asked', HM,
     with_cache(np.arange(5), [[10, 10, 100, 100]], [0.9], [4], sample=(4, 31),
                max_frame_gap=None),
     check=lambda r: r['human_mask_boxes'] == 2)
case('human_mask_far_frame_empty_when_asked', HM,
     with_cache(np.arange(5), [[10, 10, 100, 100]], [0.9], [4], sample=(4, 31),
                max_frame_gap=3),
     check=lambda r: r['human_mask_boxes'] == 1)
case('human_mask_boxes_all_outside_frame', HM,
     with_cache(np.arange(40), [[1000, 900, 1100, 1000]], [0.9], [10], raw=True),
     raises=ValueError, match=['clip.mp4.npz', 'outside the frame', 'detect_humans'])
case('human_mask_inf_score', HM,
     with_cache(np.arange(40), [[1, 1, 10, 10]], [np.inf], [10], raw=True), raises=ValueError,
     match=['clip.mp4.npz', 'non-finite', 'detect_humans'])
case('human_mask_nan_score', HM,
     with_cache(np.arange(40), [[1, 1, 10, 10]], [np.nan], [10], raw=True), raises=ValueError,
     match=['clip.mp4.npz', 'NaN'])
case('human_mask_negative_frame_inds', HM,
     with_cache([-5, 10, 20, 30], [[1, 1, 10, 10]], [0.9], [10], raw=True), raises=ValueError,
     match=['clip.mp4.npz', 'frame_inds', 'negative'])
case('human_mask_unsorted_frame_inds', HM,
     with_cache([20, 10, 30], [[1, 1, 10, 10]], [0.9], [10], raw=True), raises=ValueError,
     match=['clip.mp4.npz', 'sorted'])
case('human_mask_wrong_img_shape', HM,
     with_cache(np.arange(40), [[1, 1, 10, 10]], [0.9], [10], shape=(128, 170)),
     raises=ValueError, match=['clip.mp4', '128x170', 'right after the decoding transform'])
case('human_mask_no_frames', HM, lambda tmp: human_mask(tmp, dict(
    decoded(tmp), imgs=[])) if write_cache(tmp, str(Path(tmp) / 'clip.mp4'), [0], [], [], [])
    else None, raises=ValueError, match=['no decoded frames', 'clip.mp4'])


def zero_cache(tmp, content=b''):
    results = decoded(tmp)
    path = Path(cache_path(results['filename'], str(Path(tmp) / 'cache')))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return human_mask(tmp, results)


case('human_mask_zero_byte_cache', HM, zero_cache, raises=ValueError,
     match=['clip.mp4.npz', 'empty', 'detect_humans'])
case('human_mask_garbage_cache', HM, lambda tmp: zero_cache(tmp, b'not an npz' * 10),
     raises=ValueError, match=['clip.mp4.npz', 'cannot read', 'detect_humans'])
case('human_mask_cache_missing_array', HM, lambda tmp: (
    np.savez(Path(tmp) / 'x.npz', frame_inds=np.arange(3)),
    load_detections(str(Path(tmp) / 'x.npz'), 'v.mp4'))[1],
    raises=KeyError, match=['x.npz', 'missing arrays', 'detect_humans'])
case('human_mask_16bit_frames', HM,
     lambda tmp: human_mask(tmp, dict(decoded(tmp), imgs=[
         np.full((256, 340, 3), 1000 * (i + 1), np.uint16) for i in range(3)]))
     if write_cache(tmp, str(Path(tmp) / 'clip.mp4'), np.arange(40), [[0, 0, 20, 20]], [0.9],
                    [20]) else None,
     check=lambda r: r['imgs'][1].dtype == np.uint16 and (r['imgs'][1] == 2000).all()
     and r['human_mask_boxes'] == 1)
case('human_mask_grayscale_1_channel', HM,
     lambda tmp: human_mask(tmp, dict(decoded(tmp), imgs=[
         np.arange(256 * 340, dtype=np.uint32).reshape(256, 340, 1).astype(np.uint8)
         for _ in range(3)]))
     if write_cache(tmp, str(Path(tmp) / 'clip.mp4'), np.arange(40), [[0, 0, 340, 256]],
                    [0.9], [10]) else None,
     check=lambda r: r['imgs'][0].shape == (256, 340, 1) and len(np.unique(r['imgs'][0])) == 1)
def unicode_cache_root(tmp):
    results = decoded(tmp, video=media.copy(tmp, 'vidé o/clip ü.mp4'))
    root = Path(tmp) / 'caché dir'
    save_detections(cache_path(results['filename'], str(root)), np.arange(40),
                    np.array([[0, 0, 20, 20]], np.float32), [0.9], [10], (256, 340))
    return human_mask(tmp, results, cache=root)


case('human_mask_unicode_cache_root', HM, unicode_cache_root,
     check=lambda r: r['human_mask_boxes'] == 1)
case('human_mask_online_hog_64px_frames', HM,
     lambda tmp: human_mask(tmp, decoded(tmp, (0, 1), media.write(tmp, 'small.mp4',
                                                                  media.frames(4, 64, 64))),
                            detector=dict(type='hog')),
     check=lambda r: r['human_masked'] is False, isolate=True)
case('detection_cache_save_boxes_x2_lt_x1', CACHE,
     lambda tmp: save_detections(str(Path(tmp) / 'c.npz'), [0], [[10, 0, 5, 5]], [1.0], [0],
                                 (10, 10)),
     raises=ValueError, match=['c.npz', 'x2 >= x1'])
case('detection_cache_save_img_shape_3', CACHE,
     lambda tmp: save_detections(str(Path(tmp) / 'c.npz'), [0], np.zeros((0, 4)), [], [],
                                 (10, 10, 3)),
     raises=ValueError, match=['c.npz', 'img_shape', '[10, 10, 3]'])
case('detection_cache_save_frame_of_box_unknown', CACHE,
     lambda tmp: save_detections(str(Path(tmp) / 'c.npz'), [0, 1], [[0, 0, 5, 5]], [1.0],
                                 [7], (10, 10)),
     raises=ValueError, match=['c.npz', 'frame_of_box'])
case('detection_cache_save_length_mismatch', CACHE,
     lambda tmp: save_detections(str(Path(tmp) / 'c.npz'), [0], [[0, 0, 5, 5]], [1.0, 0.5],
                                 [0], (10, 10)),
     raises=ValueError, match=['c.npz', '1 boxes but 2 scores'])
case('detection_cache_load_missing_names_video', CACHE,
     lambda tmp: load_detections(str(Path(tmp) / 'none.npz'), 'my video.mp4'),
     raises=FileNotFoundError, match=['my video.mp4', 'none.npz', 'detect_humans'])


# ----------------------------------------------------------------------- LoadAspectLabels
LAL = 'LoadAspectLabels'


def label_file(tmp, videos=('a.mp4', 'b.mp4'), probs=None, raw=False, **extra):
    path = str(Path(tmp) / 'scene labels.npz')
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], np.float32)[:len(videos)] \
        if probs is None else np.asarray(probs)
    if raw:
        arrays = dict(videos=np.asarray(videos), probs=probs)
        arrays.update(extra)
        arrays.setdefault('top1', np.asarray(probs).argmax(-1))
        np.savez(path, **arrays)
    else:
        save_pseudo_labels(path, videos, probs)
    return path


def load_aspect(tmp, video='a.mp4', path=None, **kwargs):
    path = path or label_file(tmp)
    return TRANSFORMS.build(dict(type=LAL, label_file=path, **kwargs))(
        dict(filename=str(Path(tmp) / video)))


def raw_bytes(tmp, content):
    path = Path(tmp) / 'scene labels.npz'
    path.write_bytes(content)
    return str(path)


case('load_aspect_zero_byte_file', LAL, lambda tmp: load_aspect(tmp, path=raw_bytes(tmp, b'')),
     raises=ValueError, match=['scene labels.npz', 'empty', 'extract_pseudo_labels'])
case('load_aspect_garbage_file', LAL,
     lambda tmp: load_aspect(tmp, path=raw_bytes(tmp, b'\x00garbage' * 50)), raises=ValueError,
     match=['scene labels.npz', 'cannot read', 'extract_pseudo_labels'])
case('load_aspect_missing_file', LAL,
     lambda tmp: load_aspect(tmp, path=str(Path(tmp) / 'nope.npz')), raises=FileNotFoundError,
     match=['nope.npz', 'extract_pseudo_labels'])
case('load_aspect_nan_probs', LAL,
     lambda tmp: load_aspect(tmp, path=label_file(tmp, probs=[[np.nan, 0.5, 0.5],
                                                             [0.1, 0.1, 0.8]], raw=True)),
     raises=ValueError, match=['scene labels.npz', 'non-finite', 'a.mp4'])
case('load_aspect_negative_probs', LAL,
     lambda tmp: load_aspect(tmp, path=label_file(tmp, probs=[[-0.5, 1.0, 0.5],
                                                             [0.1, 0.1, 0.8]], raw=True)),
     raises=ValueError, match=['scene labels.npz', 'negative', 'a.mp4'])
case('load_aspect_duplicate_video_key', LAL,
     lambda tmp: load_aspect(tmp, path=label_file(tmp, videos=('a.mp4', 'a.mp4'), raw=True)),
     raises=ValueError, match=['scene labels.npz', 'duplicate', 'a.mp4'])
case('load_aspect_top1_contradicts_probs', LAL,
     lambda tmp: load_aspect(tmp, path=label_file(tmp, raw=True, top1=np.array([2, 2]))),
     raises=ValueError, match=['scene labels.npz', 'top1', 'a.mp4'])
case('load_aspect_pickled_videos', LAL,
     lambda tmp: load_aspect(tmp, path=label_file(tmp, videos=np.array(['a.mp4', 'b.mp4'],
                                                                       dtype=object),
                                                 raw=True)),
     raises=ValueError, match=['scene labels.npz', 'pickle', 'extract_pseudo_labels'])
case('load_aspect_probs_1d', LAL,
     lambda tmp: load_aspect(tmp, path=label_file(tmp, probs=np.array([0.5, 0.5]), raw=True,
                                                  top1=np.array([0, 0]))),
     raises=ValueError, match=['scene labels.npz', 'probs'])
case('load_aspect_missing_video', LAL, lambda tmp: load_aspect(tmp, video='zzz.mp4'),
     raises=KeyError, match=['zzz.mp4', 'scene labels.npz', 'allow_missing=True'])
case('load_aspect_missing_video_allowed', LAL,
     lambda tmp: load_aspect(tmp, video='zzz.mp4', allow_missing=True)['scene_label'],
     check=lambda v: v == -1)
case('load_aspect_label_format_typo', LAL,
     lambda tmp: load_aspect(tmp, label_format='top-1'), raises=ValueError,
     match=['label_format', 'top-1'])
case('load_aspect_unicode_and_spaces', LAL,
     lambda tmp: load_aspect(tmp, video='sub dir/vidéo 1.mp4', data_root=str(tmp),
                             path=label_file(tmp, videos=('sub dir/vidéo 1.mp4', 'b.mp4')))
     ['scene_label'].tolist(),
     check=lambda v: np.allclose(v, [0.7, 0.2, 0.1]))
case('load_aspect_video_outside_data_root', LAL,
     lambda tmp: load_aspect(tmp, video='../elsewhere/a.mp4', data_root=str(tmp)),
     raises=ValueError, match=['a.mp4', 'not under data_root'])
case('pseudo_labels_save_nan_names_video', 'pseudo_labels',
     lambda tmp: save_pseudo_labels(str(Path(tmp) / 'p.npz'), ['a.mp4', 'b.mp4'],
                                    [[0.5, 0.5], [np.nan, 1.0]]),
     raises=ValueError, match=['p.npz', 'non-finite', 'b.mp4'])
case('pseudo_labels_save_duplicate_names_key', 'pseudo_labels',
     lambda tmp: save_pseudo_labels(str(Path(tmp) / 'p.npz'), ['a.mp4', 'a.mp4'],
                                    [[0.5, 0.5], [0.5, 0.5]]),
     raises=ValueError, match=['p.npz', 'duplicate', 'a.mp4'])
case('pseudo_labels_save_negative', 'pseudo_labels',
     lambda tmp: save_pseudo_labels(str(Path(tmp) / 'p.npz'), ['a.mp4'], [[-0.5, 1.5]]),
     raises=ValueError, match=['p.npz', 'negative', 'a.mp4'])
case('pseudo_labels_roundtrip_unicode', 'pseudo_labels',
     lambda tmp: (save_pseudo_labels(str(Path(tmp) / 'p.npz'), ['é/ü 1.mp4'], [[0.2, 0.8]]),
                  load_pseudo_labels(str(Path(tmp) / 'p.npz')))[1]['videos'].tolist(),
     check=lambda v: v == ['é/ü 1.mp4'])


# ----------------------------------------------------------------------- splits (SMAD)
SPL = 'read_items / splits'


def items_file(tmp, content, name='list.txt'):
    path = Path(tmp) / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


for name, content, frags in [
        ('json_label_fraction', [dict(filename='a.mp4', label=1.7, scene=0)],
         ['item 0', "'label'", '1.7']),
        ('json_label_bool', [dict(filename='a.mp4', label=True, scene=0)],
         ['item 0', "'label'", 'True']),
        ('json_label_word', [dict(filename='a.mp4', label='abc', scene=0)],
         ['item 0', "'label'", 'abc']),
        ('json_label_negative', [dict(filename='a.mp4', label=-1, scene=0)],
         ['item 0', "'label'", '-1']),
        ('json_scene_unlabelled', [dict(filename='a.mp4', label=1, scene=-1)],
         ['item 0', "'scene'", '-1', 'unlabelled']),
        ('json_empty_list', [], ['no items']),
        ('json_duplicate_filename', [dict(filename='a.mp4', label=1, scene=0),
                                     dict(filename='a.mp4', label=2, scene=1)],
         ['item 1', 'a.mp4', 'item 0']),
        ('json_missing_scene', [dict(filename='a.mp4', label=1)], ['item 0', 'scene'])]:
    case(f'read_items_{name}', SPL,
         lambda tmp, c=content: read_items(items_file(tmp, c, 'list.json')),
         raises=ValueError, match=['list.json'] + frags)
for name, content, frags in [
        ('text_negative_label', 'a.mp4 -1 3\n', [':1', 'label', '-1']),
        ('text_unlabelled_scene', 'a.mp4 2 -1\n', [':1', 'scene', '-1', 'unlabelled']),
        ('text_duplicate_path', 'a.mp4 1 3\nb.mp4 1 3\na.mp4 2 4\n', [':3', 'a.mp4', 'line 1']),
        ('text_not_integer', 'a.mp4 x 3\n', [':1', 'integers']),
        ('text_too_few_fields', 'a.mp4 3\n', [':1', 'path label scene']),
        ('text_zero_byte', '', ['no items'])]:
    case(f'read_items_{name}', SPL, lambda tmp, c=content: read_items(items_file(tmp, c)),
         raises=ValueError, match=['list.txt'] + frags)
case('read_items_json_zero_byte', SPL, lambda tmp: read_items(items_file(tmp, '', 'l.json')),
     raises=ValueError, match=['l.json', 'not valid JSON'])
case('read_items_missing_file', SPL, lambda tmp: read_items(str(Path(tmp) / 'none.txt')),
     raises=FileNotFoundError, match=['none.txt'])
case('read_items_unicode', SPL,
     lambda tmp: read_items(items_file(tmp, [dict(filename='é ü/ä.mp4', label=1, scene=2)],
                                       'l.json')),
     check=lambda items: items[0]['path'] == 'é ü/ä.mp4' and items[0]['facet'] == 2)
case('facet_split_train_per_class_0', SPL,
     lambda tmp: facet_split([0] * 6, [0, 0, 0, 1, 1, 2], 1, train_per_class=0),
     raises=ValueError, match=['train_per_class', '0', '>= 1'])
case('facet_split_train_per_class_negative', SPL,
     lambda tmp: facet_split([0] * 6, [0, 0, 0, 1, 1, 2], 1, train_per_class=-3),
     raises=ValueError, match=['train_per_class', '-3'])
case('facet_split_min_test_bool', SPL,
     lambda tmp: facet_split([0] * 6, [0, 0, 0, 1, 1, 2], True), raises=ValueError,
     match=['min_test', 'True'])
case('omnidebias_select_empty', SPL, lambda tmp: omnidebias_select([], []), raises=ValueError,
     match=['omnidebias_select', 'no items'])
case('omnidebias_select_length_mismatch', SPL,
     lambda tmp: omnidebias_select([0, 1], [0]), raises=ValueError,
     match=['2 labels for 1 facets'])


# ----------------------------------------------------------------------- benchmark builder
BB = 'BiasBenchmarkBuilder'


def bench(tmp, video=None, line=None, masks='npz', **kwargs):
    """A one-or-two-video benchmark in ``tmp``; returns the builder's summary."""
    tmp = Path(tmp)
    (tmp / 'videos').mkdir(exist_ok=True)
    (tmp / 'masks').mkdir(exist_ok=True)
    if video is None:
        video = lambda root: media.copy(root, 'a.mp4')  # noqa: E731
    path = video(tmp / 'videos')
    name = Path(path).relative_to(tmp / 'videos').as_posix() if path else 'a.mp4'
    if masks == 'npz' and path and Path(path).stat().st_size:
        import decord
        try:
            reader = decord.VideoReader(path)
            shape = (len(reader), ) + reader[0].shape[:2]
        except Exception:
            shape = (32, 256, 340)
        m = np.zeros(shape, np.uint8)
        m[:, shape[1] // 4:shape[1] // 2, shape[2] // 4:shape[2] // 2] = 1
        out = tmp / 'masks' / (name.rsplit('.', 1)[0] + '.npz')
        out.parent.mkdir(parents=True, exist_ok=True)
        np.savez(out, masks=m)
    elif callable(masks):
        masks(tmp / 'masks', name.rsplit('.', 1)[0])
    (tmp / 'list.txt').write_text(f'{name} 0\n' if line is None else line)
    kwargs.setdefault('conflfg', False)
    kwargs.setdefault('max_frames', 4)
    kwargs.setdefault('short_side', 64)
    return BiasBenchmarkBuilder(str(tmp / 'list.txt'), str(tmp / 'videos'), str(tmp / 'masks'),
                                str(tmp / 'out'), progress=False, **kwargs).build()


def decodes(tmp, rel, frames, shape):
    import decord
    reader = decord.VideoReader(str(Path(tmp) / 'out' / rel))
    batch = reader.get_batch(list(range(len(reader)))).asnumpy()
    return batch.shape == (frames, ) + shape + (3, )


for name, kwargs, frags in [
        ('short_side_16', dict(short_side=16), ['short_side', '16', '>= 32']),
        ('short_side_0', dict(short_side=0), ['short_side', '0', '>= 32']),
        ('short_side_negative', dict(short_side=-64), ['short_side', '-64']),
        ('max_frames_0', dict(max_frames=0), ['max_frames', '0', '>= 1']),
        ('max_frames_negative', dict(max_frames=-2), ['max_frames', '-2']),
        ('min_mask_area_above_1', dict(min_mask_area=10), ['min_mask_area', '10', '[0, 1]']),
        ('min_valid_frames_negative', dict(min_valid_frames=-0.5),
         ['min_valid_frames', '-0.5', '[0, 1]']),
        ('num_stripe_negative', dict(num_stripe_backgrounds=-1),
         ['num_stripe_backgrounds', '-1']),
        ('no_backgrounds_at_all', dict(num_stripe_backgrounds=0),
         ['no SCUBA clips', 'num_stripe_backgrounds']),
        ('scufo_frame_bool', dict(scufo_frame=True), ['scufo_frame', 'True']),
        ('scufo_frame_word', dict(scufo_frame='first'), ['scufo_frame', 'first']),
        ('background_name_stripes', dict(background_name='stripes'), ['stripes', 'reserved'])]:
    case(f'builder_{name}', BB, lambda tmp, k=kwargs: bench(tmp, **k), raises=ValueError,
         match=frags)
case('builder_short_side_36_decord_width', BB,
     lambda tmp: bench(tmp, short_side=36), raises=OSError,
     match=['a_0.mp4', 'channels', 'another output size'])
case('builder_scufo_frame_out_of_range', BB, lambda tmp: bench(tmp, scufo_frame=99),
     raises=IndexError, match=["'a'", '99', '4 frames', 'scufo_frame'])
for name, line, frags in [
        ('list_label_word', 'a.mp4 abc\n', [':1', 'label', 'abc']),
        ('list_label_negative', 'a.mp4 -1\n', [':1', 'label', '-1']),
        ('list_empty', '', ['no videos']),
        ('list_duplicate_video', 'a.mp4 0\na.mp4 1\n', ['unique', "'a'"]),
        ('list_missing_label', 'a.mp4\n', [':1', 'filename label'])]:
    case(f'builder_{name}', BB, lambda tmp, ln=line: bench(tmp, line=ln), raises=ValueError,
         match=['list.txt'] + frags)
for name, writer, fname in [('zero_byte', media.zero_byte, 'zero.mp4'),
                            ('truncated', media.truncated, 'truncated.mp4'),
                            ('garbage', media.garbage, 'garbage.mp4'),
                            ('corrupt_packets', media.corrupt_middle, 'corrupt.mp4')]:
    case(f'builder_video_{name}', BB,  # max_frames=None: decode the whole video
         lambda tmp, w=writer, f=fname: bench(tmp, video=w, line=f'{f} 0\n', max_frames=None),
         raises=OSError,
         match=[fname, 'Replace the file'])
case('builder_video_missing', BB,
     lambda tmp: bench(tmp, video=lambda root: None, line='gone.mp4 0\n', masks=None),
     raises=FileNotFoundError, match=['gone.mp4'])
case('builder_path_with_spaces_and_unicode', BB,
     lambda tmp: (bench(tmp, video=lambda root: media.copy(root, 'my clip é.mp4'),
                        line='my clip é.mp4 0\n'),
                  decodes(tmp, 'scuba/stripes/my clip é_0.mp4', 4, (64, 84)))[1],
     check=bool)
case('builder_1_frame_video', BB,
     lambda tmp: (bench(tmp, video=lambda root: media.write(root, 'a.mp4', media.frames(1)),
                        short_side=None),
                  decodes(tmp, 'scufo/stripes/a_0.mp4', 1, (64, 64)))[1],
     check=bool)
case('builder_zero_byte_output_is_rebuilt', BB,
     lambda tmp: (bench(tmp), (Path(tmp) / 'out/scuba/stripes/a_0.mp4').write_bytes(b''),
                  bench(tmp)['videos_written'], tmp)[2:],
     check=lambda r: r[0] == 2 and decodes(r[1], 'scuba/stripes/a_0.mp4', 4, (64, 84)))


def masks_writer(kind):
    def write(root, video_id):
        if kind == 'zero_npz':
            (root / f'{video_id}.npz').write_bytes(b'')
        elif kind == 'npz_4d':
            np.savez(root / f'{video_id}.npz', masks=np.ones((32, 256, 340, 3), np.uint8))
        elif kind == 'npz_frames':
            np.savez(root / f'{video_id}.npz', masks=np.ones((7, 256, 340), np.uint8))
        elif kind == 'boxes_nan':
            (root / f'{video_id}.json').write_text(
                json.dumps({'boxes': [[[float('nan'), 0, 10, 10]]] * 32}))
        elif kind == 'boxes_outside':
            (root / f'{video_id}.json').write_text(
                json.dumps({'boxes': [[[1000, 1000, 1200, 1200]]] * 32}))
        elif kind == 'boxes_3_numbers':
            (root / f'{video_id}.json').write_text(json.dumps({'boxes': [[[0, 0, 10]]] * 32}))
        elif kind.startswith('png'):
            for t in range(32):
                value = np.zeros((256, 340), np.uint16 if kind == 'png16' else np.uint8)
                value[64:128, 85:170] = 300 if kind == 'png16' else 1
                media.png(root / video_id / f'{t:05d}.png', value)
    return write


for name, frags, error in [('zero_npz', ['a.npz', 'empty'], ValueError),
                           ('npz_4d', ['a.npz', '(T, H, W)'], ValueError),
                           ('npz_frames', ['a.npz', '7 frames', '32'], ValueError),
                           ('boxes_nan', ['a.json', 'frame 0', 'nan'], ValueError),
                           ('boxes_outside', ['a.json', 'frame 0', 'outside the frame'],
                            ValueError),
                           ('boxes_3_numbers', ['frame 0', '[x1, y1, x2, y2]'], ValueError)]:
    case(f'builder_masks_{name}', BB,
         lambda tmp, n=name: bench(tmp, masks=masks_writer(n)), raises=error, match=frags)
case('builder_masks_16bit_png', BB,
     lambda tmp: __import__('mmdebias.preparation.foreground_masks', fromlist=['x']).load_masks(
         str(Path(tmp)), 'a') if masks_writer('png16')(Path(tmp), 'a') is None else None,
     check=lambda m: m.shape == (32, 256, 340) and m.sum() == 32 * 64 * 85)


def background_mean(tmp, image):
    from mmdebias.preparation.synthetic.backgrounds import read_image
    return float(read_image(media.png(Path(tmp) / 'bg.png', image)).mean())


case('builder_background_16bit_png', BB,
     lambda tmp: background_mean(tmp, np.full((32, 32), 32768, np.uint16)),
     check=lambda mean: abs(mean - 127.5) < 1.0)
case('builder_background_grayscale', BB,
     lambda tmp: background_mean(tmp, np.full((32, 32), 100, np.uint8)),
     check=lambda mean: mean == 100.0)
case('builder_background_corrupt_image', BB,
     lambda tmp: (Path(tmp, 'bg').mkdir(), Path(tmp, 'bg', 'x.jpg').write_bytes(b'no jpeg'),
                  bench(tmp, background_dir=str(Path(tmp, 'bg')), num_image_backgrounds=1))[2],
     raises=OSError, match=['x.jpg', 'cannot read image'])
case('builder_background_dir_empty', BB,
     lambda tmp: (Path(tmp, 'bg').mkdir(), bench(tmp, background_dir=str(Path(tmp, 'bg'))))[1],
     raises=FileNotFoundError, match=['no background images', 'bg'])


@pytest.mark.parametrize('bad', CASES, ids=ids(CASES))
def test_bad_input(bad, tmp_path):
    assert_case(bad, tmp_path)
