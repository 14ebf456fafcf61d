import os.path as osp

import numpy as np
import pytest
from mmaction.registry import TRANSFORMS
from mmengine.dataset import Compose

from mmdebias.datasets.detection_cache import cache_path, save_detections

VIDEO = 'tests/data/videos/test.mp4'  # 300 frames, 256 x 340


def _decode(repo_root, frame_inds=(10, 20, 30, 40)):
    results = dict(filename=osp.join(repo_root, VIDEO), start_index=0, modality='RGB')
    results = TRANSFORMS.build(dict(type='DecordInit'))(results)
    results['frame_inds'] = np.array(frame_inds)
    results['clip_len'], results['frame_interval'], results['num_clips'] = len(frame_inds), 1, 1
    return TRANSFORMS.build(dict(type='DecordDecode'))(results)


def _write(cache, repo_root, frame_inds, boxes, scores, frame_of_box, shape=(256, 340)):
    save_detections(cache_path(osp.join(repo_root, VIDEO), str(cache)), frame_inds,
                    np.array(boxes, dtype=np.float32).reshape(-1, 4), scores, frame_of_box,
                    shape)


def _mask(cache, **kwargs):
    return TRANSFORMS.build(dict(type='HumanMask', cache_root=str(cache), **kwargs))


def test_boxes_filled_with_frame_mean_clipped_zero_and_low_score_ignored(repo_root, tmp_path):
    boxes = [[50.4, 60.0, 120.2, 200.7],   # frame 10: in frame
             [-30, -10, 40, 50],           # frame 10: partly outside -> clipped
             [300, 100, 500, 400],         # frame 20: beyond right/bottom -> clipped
             [10, 10, 10, 90],             # frame 20: zero width -> ignored
             [0, 0, 340, 256]]             # frame 30: low score -> ignored
    _write(tmp_path, repo_root, np.arange(300), boxes, [0.9, 0.5, 0.3, 0.99, 0.29],
           [10, 10, 20, 20, 30])
    original = [f.copy() for f in _decode(repo_root)['imgs']]
    out = _mask(tmp_path)(_decode(repo_root))
    assert out['human_masked'] is True and out['human_mask_boxes'] == 3
    expected = [f.copy() for f in original]
    m0 = np.round(original[0].reshape(-1, 3).mean(0)).astype(np.uint8)
    expected[0][60:201, 50:121] = m0
    expected[0][0:50, 0:40] = m0
    expected[1][100:256, 300:340] = np.round(original[1].reshape(-1, 3).mean(0))
    for got, exp in zip(out['imgs'], expected):
        np.testing.assert_array_equal(got, exp)
    assert not np.array_equal(out['imgs'][0], original[0])  # something was masked
    np.testing.assert_array_equal(out['imgs'][2], original[2])  # only a low-score box


def test_missing_frames_nearest_empty_error(repo_root, tmp_path):
    # detector ran every 8th frame: 0, 8, 16, ...; one box on every scored frame
    scored = np.arange(0, 300, 8)
    boxes = np.tile([[100, 100, 140, 150]], (len(scored), 1))
    _write(tmp_path, repo_root, scored, boxes, np.ones(len(scored)), scored)
    frames = (16, 18, 21, 299)  # exact, nearest 16, nearest 24, nearest 296
    out = _mask(tmp_path)(_decode(repo_root, frames))
    assert out['human_mask_boxes'] == 4
    out = _mask(tmp_path, max_frame_gap=2)(_decode(repo_root, frames))
    assert out['human_mask_boxes'] == 2  # 21 (gap 3) and 299 (gap 3) get no boxes
    out = _mask(tmp_path, missing_frames='empty')(_decode(repo_root, frames))
    assert out['human_mask_boxes'] == 1
    with pytest.raises(ValueError, match=r'frames \[18, 21, 299\].*--stride 1'):
        _mask(tmp_path, missing_frames='error')(_decode(repo_root, frames))


def test_no_person_in_sampled_frames_leaves_clip_unmasked(repo_root, tmp_path):
    _write(tmp_path, repo_root, np.arange(300), np.zeros((0, 4)), [], [])
    before = [f.copy() for f in _decode(repo_root)['imgs']]
    out = _mask(tmp_path)(_decode(repo_root))
    assert out['human_masked'] is False
    for a, b in zip(out['imgs'], before):
        np.testing.assert_array_equal(a, b)


def test_nan_scores_missing_cache_and_wrong_shape_are_clear_errors(repo_root, tmp_path):
    path = cache_path(VIDEO, str(tmp_path))
    np.savez(path, frame_inds=np.arange(3), boxes=np.zeros((1, 4), np.float32),
             scores=np.array([np.nan], np.float32), frame_of_box=np.array([0]),
             img_shape=np.array([256, 340]))
    with pytest.raises(ValueError, match='NaN score'):
        _mask(tmp_path)(_decode(repo_root))
    with pytest.raises(FileNotFoundError, match=r'test\.mp4.*other[/\\]test\.mp4\.npz'):
        _mask(tmp_path / 'other')(_decode(repo_root))
    _write(tmp_path, repo_root, np.arange(300), [[0, 0, 5, 5]], [1.0], [10], shape=(128, 170))
    with pytest.raises(ValueError, match='right after the decoding transform'):
        _mask(tmp_path)(_decode(repo_root))
    with pytest.raises(ValueError, match='x2 >= x1'):
        _write(tmp_path, repo_root, np.arange(3), [[10, 0, 5, 5]], [1.0], [0])


def test_mask_ratio_and_min_detection_ratio(repo_root, tmp_path):
    # a person on 60 of 100 scored frames: below SDN's 70 %
    _write(tmp_path, repo_root, np.arange(100),
           np.tile([[10, 10, 50, 50]], (60, 1)), np.ones(60), np.arange(60))
    out = _mask(tmp_path, mask_ratio=0.0)(_decode(repo_root))
    assert out['human_masked'] is False
    np.random.seed(0)
    flags = [_mask(tmp_path, mask_ratio=0.5)(_decode(repo_root, (10, )))['human_masked']
             for _ in range(40)]
    assert 5 < sum(flags) < 35
    assert _mask(tmp_path, min_detection_ratio=0.7,
                 on_low_detection='warn')(_decode(repo_root))['human_masked'] is True
    assert _mask(tmp_path, min_detection_ratio=0.7,
                 on_low_detection='skip')(_decode(repo_root))['human_masked'] is False
    with pytest.raises(ValueError, match='only 60% .*test.mp4'):
        _mask(tmp_path, min_detection_ratio=0.7, on_low_detection='raise')(_decode(repo_root))
    assert _mask(tmp_path, min_detection_ratio=0.5)(_decode(repo_root))['human_masked']


def test_in_a_video_pipeline_flag_reaches_the_data_sample(repo_root, tmp_path):
    _write(tmp_path, repo_root, np.arange(300), [[0, 0, 170, 128]] * 300, np.ones(300),
           np.arange(300))
    pipeline = Compose([
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3),
        dict(type='DecordDecode'),
        dict(type='HumanMask', cache_root=str(tmp_path)),
        dict(type='Resize', scale=(-1, 72)),
        dict(type='RandomCrop', size=64),
        dict(type='FormatShape', input_format='NCHW'),
        dict(type='PackActionInputs', algorithm_keys=('human_masked', )),
    ])
    packed = pipeline(dict(filename=osp.join(repo_root, VIDEO), label=0, start_index=0,
                           modality='RGB'))
    assert packed['data_samples'].human_masked is True
    assert tuple(packed['inputs'].shape) == (3, 3, 64, 64)


def test_config_errors():
    with pytest.raises(ValueError, match='mask_ratio'):
        TRANSFORMS.build(dict(type='HumanMask', cache_root='x', mask_ratio=1.5))
    with pytest.raises(ValueError, match='missing_frames'):
        TRANSFORMS.build(dict(type='HumanMask', cache_root='x', missing_frames='skip'))


def test_pair_mode_keeps_original_then_masked_copy_with_the_same_augmentation(repo_root,
                                                                              tmp_path):
    # a person box on the left half of every frame
    _write(tmp_path, repo_root, np.arange(300), [[0, 0, 170, 256]] * 300, np.ones(300),
           np.arange(300))
    original = [f.copy() for f in _decode(repo_root)['imgs']]
    out = _mask(tmp_path, mode='pair')(_decode(repo_root))
    assert out['human_mask_paired'] is True and out['human_masked'] is True
    assert len(out['imgs']) == 8 and out['num_clips'] == 2
    np.testing.assert_array_equal(out['frame_inds'], [10, 20, 30, 40] * 2)
    for a, b in zip(out['imgs'][:4], original):
        np.testing.assert_array_equal(a, b)  # view 0: untouched
    for a, b in zip(out['imgs'][4:], original):
        assert not np.array_equal(a[:, :170], b[:, :170])
        np.testing.assert_array_equal(a[:, 170:], b[:, 170:])

    pipeline = Compose([
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=4, frame_interval=2, num_clips=1),
        dict(type='DecordDecode'),
        dict(type='HumanMask', cache_root=str(tmp_path), mode='pair'),
        dict(type='Resize', scale=(-1, 72)),  # 72 x 96
        dict(type='CenterCrop', crop_size=64),  # columns 16-79: masked 16-47, rest not
        dict(type='Flip', flip_ratio=0.5),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs', algorithm_keys=('human_masked', 'human_mask_paired')),
    ])
    packed = pipeline(dict(filename=osp.join(repo_root, VIDEO), label=0, start_index=0,
                           modality='RGB'))
    views = packed['inputs']
    assert tuple(views.shape) == (2, 3, 4, 64, 64)
    assert packed['data_samples'].human_mask_paired is True
    # same crop and flip for both views: they differ only where the person was masked
    diff = (views[0] != views[1]).any(dim=(0, 1)).any(dim=0)  # per column
    cols = diff.nonzero().flatten()
    # resized box: 170/340 of 96 columns = 48, cropped from column 16: 32 columns (+1 for
    # bilinear blending at the edge), on the left, or on the right after a flip
    assert 32 <= len(cols) <= 33 and cols.max() - cols.min() == len(cols) - 1
    assert cols.min() == 0 or cols.max() == 63


def test_pair_mode_without_selection_duplicates_the_original(repo_root, tmp_path):
    _write(tmp_path, repo_root, np.arange(300), [[0, 0, 170, 256]] * 300, np.ones(300),
           np.arange(300))
    out = _mask(tmp_path, mode='pair', mask_ratio=0.0)(_decode(repo_root))
    assert out['human_masked'] is False and len(out['imgs']) == 8
    for a, b in zip(out['imgs'][:4], out['imgs'][4:]):
        np.testing.assert_array_equal(a, b)


def test_online_mode_runs_a_real_detector_when_the_cache_has_no_entry(data_dir, tmp_path):
    import cv2  # JPEG only: cv2's PNG codec is unsafe once decord is loaded

    from mmdebias.datasets.person_detectors import HOGDetector
    rgb = np.ascontiguousarray(cv2.imread(osp.join(data_dir, 'images', 'demo.jpg'))[..., ::-1])
    (boxes, scores), = HOGDetector()([rgb])
    boxes = boxes[scores >= 0.3]
    assert len(boxes) >= 1  # the mmdet demo image has people HOG can see
    results = dict(filename=str(tmp_path / 'clip_of_demo_image.mp4'), frame_inds=np.array([3, 7]),
                   imgs=[rgb.copy(), rgb.copy()])
    with pytest.raises(FileNotFoundError, match='clip_of_demo_image'):
        _mask(tmp_path)(dict(results, imgs=[rgb.copy(), rgb.copy()]))
    out = _mask(tmp_path, detector=dict(type='hog'))(results)
    assert out['human_masked'] is True and out['human_mask_boxes'] == 2 * len(boxes)
    fill = np.round(rgb.reshape(-1, 3).mean(0)).astype(np.uint8)
    x1, y1, x2, y2 = np.floor(boxes[0]).astype(int)
    for img in out['imgs']:
        assert (img[y1:y2, x1:x2] == fill).all()
    with pytest.raises(ValueError, match="dict\\(type='hog'\\)"):
        _mask(tmp_path, detector=dict(type='yolo'))
