"""LoadActorMask: per-frame actor masks from the detection cache, through the spatial
transforms together with the frames."""
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


def _load(cache, **kwargs):
    return TRANSFORMS.build(dict(type='LoadActorMask', cache_root=str(cache), **kwargs))


def test_boxes_become_masks_at_the_decoded_size(repo_root, tmp_path):
    boxes = [[50.4, 60.0, 120.2, 200.7],   # frame 10
             [-30, -10, 40, 50],           # frame 10: clipped to the frame
             [300, 100, 500, 400],         # frame 20: clipped
             [0, 0, 340, 256]]             # frame 30: low score -> ignored
    _write(tmp_path, repo_root, np.arange(300), boxes, [0.9, 0.5, 0.3, 0.29], [10, 10, 20, 30])
    frames = [f.copy() for f in _decode(repo_root)['imgs']]
    out = _load(tmp_path)(_decode(repo_root))
    expected = np.zeros((4, 256, 340), np.uint8)
    expected[0, 60:201, 50:121] = 1  # floor / ceil outwards
    expected[0, 0:50, 0:40] = 1
    expected[1, 100:256, 300:340] = 1
    np.testing.assert_array_equal(out['actor_mask'], expected)
    assert out['actor_mask_boxes'] == 3
    for got, original in zip(out['imgs'], frames):  # frames untouched, count unchanged
        np.testing.assert_array_equal(got, original)


def test_flip_and_resize_inside_move_the_mask_like_the_frames(repo_root, tmp_path):
    _write(tmp_path, repo_root, np.arange(300), [[0, 0, 85, 128]], [1.0], [20])
    out = _load(tmp_path, transforms=[dict(type='Resize', scale=(170, 128), keep_ratio=False),
                                      dict(type='Flip', flip_ratio=1.0)])(_decode(repo_root))
    assert out['actor_mask'].shape == (4, 128, 170) and out['imgs'][0].shape == (128, 170, 3)
    expected = np.zeros((128, 170), np.uint8)
    expected[0:64, 170 - 43:170] = 1  # box (0, 0, 85, 128) halved, then mirrored
    np.testing.assert_array_equal(out['actor_mask'][1], expected)
    assert out['actor_mask'][[0, 2, 3]].sum() == 0


def test_random_crops_are_shared_by_frames_and_masks(repo_root, tmp_path):
    """Frames painted white inside the box come out white exactly where the mask is 1."""
    box = [120, 60, 260, 200]
    _write(tmp_path, repo_root, np.arange(300), [box] * 4, [1.0] * 4, [10, 20, 30, 40])
    transform = _load(tmp_path, transforms=[
        dict(type='Resize', scale=(-1, 128)), dict(type='RandomResizedCrop'),
        dict(type='Resize', scale=(64, 64), keep_ratio=False), dict(type='Flip', flip_ratio=0.5)])
    np.random.seed(0)
    for _ in range(4):
        results = _decode(repo_root)
        painted = []
        for img in results['imgs']:
            img = np.zeros_like(img)
            img[box[1]:box[3], box[0]:box[2]] = 255
            painted.append(img)
        results['imgs'] = painted
        out = transform(results)
        for img, mask in zip(out['imgs'], out['actor_mask']):
            np.testing.assert_array_equal(img[..., 0] >= 128, mask.astype(bool))


def test_in_a_video_pipeline_with_pack(repo_root, tmp_path):
    _write(tmp_path, repo_root, np.arange(0, 300, 4), [[100, 50, 200, 150]] * 75,
           [0.9] * 75, np.arange(0, 300, 4))
    pipeline = Compose([
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=4, frame_interval=2, num_clips=2),
        dict(type='DecordDecode'),
        dict(type='LoadActorMask', cache_root=str(tmp_path), data_root=None,
             transforms=[dict(type='Resize', scale=(-1, 64)), dict(type='CenterCrop',
                                                                   crop_size=56)]),
        dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs', algorithm_keys=('actor_mask', )),
    ])
    packed = pipeline(dict(filename=osp.join(repo_root, VIDEO), label=0, start_index=0,
                           modality='RGB'))
    assert packed['inputs'].shape == (2, 3, 4, 56, 56)
    mask = np.asarray(packed['data_samples'].actor_mask)
    assert mask.shape == (8, 56, 56) and mask.dtype == np.uint8
    assert mask.any(axis=(1, 2)).all()  # every sampled frame took its nearest scored frame


def test_missing_frames_modes_and_errors(repo_root, tmp_path):
    _write(tmp_path, repo_root, np.array([8, 16]), [[0, 0, 10, 10]] * 2, [1.0, 1.0], [8, 16])
    out = _load(tmp_path, missing_frames='empty')(_decode(repo_root, (8, 9, 16, 30)))
    assert out['actor_mask'].any(axis=(1, 2)).tolist() == [True, False, True, False]
    out = _load(tmp_path, max_frame_gap=5)(_decode(repo_root, (8, 9, 16, 30)))
    assert out['actor_mask'].any(axis=(1, 2)).tolist() == [True, True, True, False]
    with pytest.raises(ValueError, match=r'frames \[9, 30\].*not in the detection cache'):
        _load(tmp_path, missing_frames='error')(_decode(repo_root, (8, 9, 16, 30)))
    with pytest.raises(FileNotFoundError, match='test.mp4.*detect_humans.py'):
        _load(tmp_path / 'elsewhere')(_decode(repo_root))
    with pytest.raises(ValueError, match='missing_frames must be one of'):
        _load(tmp_path, missing_frames='closest')
    with pytest.raises(ValueError, match='ThreeCrop cannot run inside'):
        _load(tmp_path, transforms=[dict(type='ThreeCrop', crop_size=32)])
    _write(tmp_path, repo_root, np.array([8]), [[0, 0, 10, 10]], [1.0], [8], shape=(128, 170))
    with pytest.raises(ValueError, match='made at 128x170.*right after the decoding'):
        _load(tmp_path)(_decode(repo_root, (8, )))
