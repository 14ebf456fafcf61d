import json
import os
import os.path as osp

import numpy as np
import pytest
from PIL import Image

from mmdebias.preparation.bias_benchmark import BiasBenchmarkBuilder, output_size
from mmdebias.preparation.foreground_masks import (boxes_to_masks, load_masks,
                                                mask_background_fraction, mask_quality_report)
from mmdebias.preparation.synthetic.backgrounds import fit_background, stripe_background
from mmdebias.preparation.synthetic.compositing import composite, place_beside, still_clip
from mmdebias.preparation.video_io import read_video, write_video


def test_stripe_background_follows_the_recipe():
    image = stripe_background(np.random.default_rng(3))
    assert image.shape == (256, 256, 3) and image.dtype == np.uint8
    colours, counts = np.unique(image.reshape(-1, 3), axis=0, return_counts=True)
    assert len(colours) == 2 and (colours[0] + colours[1] == 255).all()  # inverse colours
    # line width / spacing is 1/5 .. 1/3: the stripe colour is the minority
    assert 0.1 < counts.min() / counts.sum() < 0.4
    assert np.array_equal(image, stripe_background(np.random.default_rng(3)))
    assert not np.array_equal(image, stripe_background(np.random.default_rng(4)))


def test_composite_formula():
    frames = np.full((2, 2, 3, 3), 9, dtype=np.uint8)
    masks = np.zeros((2, 2, 3), dtype=bool)
    masks[0, 0, 0] = masks[1, 1, 2] = True
    background = np.arange(18, dtype=np.uint8).reshape(2, 3, 3)
    out = composite(frames, masks, background)
    expected = frames * masks[..., None] + background[None] * (1 - masks[..., None])
    assert np.array_equal(out, expected)
    with pytest.raises(ValueError, match='shape mismatch'):
        composite(frames, masks[:, :1], background)


def test_still_clip_and_fit():
    frames = np.arange(4)[:, None, None, None] * np.ones((4, 2, 2, 3), dtype=np.uint8)
    assert still_clip(frames)[:, 0, 0, 0].tolist() == [2, 2, 2, 2]
    assert still_clip(frames, -1)[:, 0, 0, 0].tolist() == [3, 3, 3, 3]
    with pytest.raises(IndexError):
        still_clip(frames, 4)
    assert fit_background(np.zeros((256, 256, 3), np.uint8), 32, 56).shape == (32, 56, 3)
    assert output_size(256, 340, 32) == (32, 42) and output_size(241, 321, None) == (240, 320)


def test_boxes_to_masks():
    masks = boxes_to_masks([[[1, 0, 3, 2]], [], [[0.5, 1.2, 1.5, 5]]], 4, 5)
    assert masks.sum(axis=(1, 2)).tolist() == [4, 0, 6]
    assert masks[0, 0:2, 1:3].all() and masks[2, 1:4, 0:2].all()


def test_placement_moves_static_foreground_away():
    moving = np.zeros((2, 4, 8), dtype=bool)
    moving[:, :, 1:3] = True  # actor on the left
    static_mask = np.zeros((4, 8), dtype=bool)
    static_mask[:, 3:5] = True
    static = np.where(static_mask[..., None], 200, 0).astype(np.uint8).repeat(3, axis=2)
    shifted, shifted_mask = place_beside(static, static_mask, moving)
    assert np.flatnonzero(shifted_mask.any(axis=0)).tolist() == [5, 6]  # centroid 6 = 3/4 * 8
    assert (shifted[shifted_mask] == 200).all() and (shifted[~shifted_mask] == 0).all()


@pytest.fixture
def mask_dirs(tmp_path):
    """Box masks (json), and the same videos' disk masks as npz and as a PNG folder."""
    height, width, frames = 20, 30, 3
    yy, xx = np.mgrid[:height, :width]
    disk = (yy - 10) ** 2 + (xx - 15) ** 2 < 36  # inside the box below
    box = [[9, 4, 21, 16]]  # 12 x 12 = 144 pixels
    coarse, fine = tmp_path / 'boxes', tmp_path / 'pixels'
    os.makedirs(coarse / 'cls')
    os.makedirs(fine / 'cls' / 'v2')
    for name in ('cls/v1', 'cls/v2'):
        (coarse / f'{name}.json').write_text(json.dumps({'boxes': [box] * frames}))
    np.savez_compressed(fine / 'cls' / 'v1.npz', masks=np.repeat(disk[None], frames, 0))
    for t in range(frames):
        Image.fromarray(disk.astype(np.uint8) * 255).save(fine / 'cls' / 'v2' / f'{t:03d}.png')
    video_list = tmp_path / 'list.txt'
    video_list.write_text('cls/v1.mp4 0\ncls/v2.mp4 1\n')
    return dict(coarse=str(coarse), fine=str(fine), list=str(video_list), disk=disk,
                box_area=144)


def test_load_masks_all_formats(mask_dirs):
    npz = load_masks(mask_dirs['fine'], 'cls/v1')
    png = load_masks(mask_dirs['fine'], 'cls/v2', 20, 30, num_frames=3)
    assert np.array_equal(npz, png) and np.array_equal(npz[1], mask_dirs['disk'])
    boxes = load_masks(mask_dirs['coarse'], 'cls/v1', 20, 30)
    assert boxes.shape == (3, 20, 30) and boxes.sum() == 3 * mask_dirs['box_area']
    with pytest.raises(FileNotFoundError, match="video 'cls/v3'"):
        load_masks(mask_dirs['fine'], 'cls/v3')
    with pytest.raises(ValueError, match="'cls/v1'.*3 frames, the video has 5"):
        load_masks(mask_dirs['fine'], 'cls/v1', num_frames=5)
    with pytest.raises(ValueError, match="'cls/v1'.*are \\(20, 30\\)"):
        load_masks(mask_dirs['fine'], 'cls/v1', 10, 30)


def test_mask_quality(mask_dirs):
    disk_area = int(mask_dirs['disk'].sum())
    expected = (mask_dirs['box_area'] - disk_area) / mask_dirs['box_area']
    coarse = load_masks(mask_dirs['coarse'], 'cls/v1', 20, 30)
    fine = load_masks(mask_dirs['fine'], 'cls/v1')
    assert mask_background_fraction(coarse, fine) == pytest.approx(expected)
    assert mask_background_fraction(fine, fine) == 0.0
    assert mask_background_fraction(np.zeros_like(fine), fine) == 0.0
    report = mask_quality_report(mask_dirs['list'], mask_dirs['coarse'], mask_dirs['fine'],
                                 progress=False)
    assert report['num_videos'] == 2
    assert report['per_video'] == pytest.approx({'cls/v1': expected, 'cls/v2': expected})
    assert report['mean'] == pytest.approx(expected)


def test_video_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    frames = np.repeat(rng.integers(0, 256, (1, 16, 30, 3), dtype=np.uint8), 5, axis=0)
    frames[:, 4:12, 8:16] = np.arange(5)[:, None, None, None] * 50
    path = str(tmp_path / 'sub' / 'clip.mp4')
    write_video(path, frames, fps=10)
    assert os.listdir(tmp_path / 'sub') == ['clip.mp4']  # no partial file left
    decoded, fps, total = read_video(path)
    assert decoded.shape == frames.shape and total == 5 and fps == pytest.approx(10)
    assert np.abs(decoded[:, 4:12, 8:16].astype(int) - frames[:, 4:12, 8:16]).mean() < 12


def synthetic_videos(root, labels):
    """Tiny videos (a bright square moving right on noise) with box masks of the square."""
    os.makedirs(osp.join(root, 'videos'))
    os.makedirs(osp.join(root, 'masks'))
    lines = []
    for k, label in enumerate(labels):
        frames = np.full((6, 16, 30, 3), 40, dtype=np.uint8)
        boxes = []
        for t in range(6):
            frames[t, 4:12, 2 * t:2 * t + 8] = 220
            boxes.append([[2 * t, 4, 2 * t + 8, 12]] if k != 1 else [])  # v1: no actor
        write_video(osp.join(root, 'videos', f'v{k}.mp4'), frames, fps=10)
        with open(osp.join(root, 'masks', f'v{k}.json'), 'w') as f:
            json.dump(boxes, f)
        lines.append(f'v{k}.mp4 {label}')
    with open(osp.join(root, 'list.txt'), 'w') as f:
        f.write('\n'.join(lines))


def builder(root, **kwargs):
    return BiasBenchmarkBuilder(osp.join(root, 'list.txt'), osp.join(root, 'videos'),
                                osp.join(root, 'masks'), osp.join(root, 'out'),
                                progress=False, **kwargs)


def test_builder_skips_videos_without_enough_mask(tmp_path):
    synthetic_videos(str(tmp_path), [0, 1, 1])
    summary = builder(str(tmp_path), min_mask_area=0.1, min_valid_frames=0.9,
                      num_stripe_backgrounds=2).build()
    assert list(summary['skipped']) == ['v1'] and summary['num_videos'] == 2
    scuba = json.load(open(summary['annotations']['scuba']))
    assert [e['pair_id'] for e in scuba] == ['v0#stripes0', 'v0#stripes1', 'v2#stripes0',
                                             'v2#stripes1']
    conflfg = json.load(open(summary['annotations']['conflfg']))
    assert [(e['label'], e['static_label']) for e in conflfg] == [(0, 1), (1, 0)]
    # SCUBA: outside the box the frame is the background, the same in every frame
    scuba_frames, _, _ = read_video(osp.join(tmp_path, 'out', scuba[0]['filename']))
    assert np.abs(scuba_frames[:, 13:, :].astype(int) - scuba_frames[:1, 13:, :]).max() < 40


def test_builder_errors(tmp_path):
    synthetic_videos(str(tmp_path), [0, 0])
    os.rename(osp.join(tmp_path, 'masks', 'v1.json'), osp.join(tmp_path, 'v1.json'))
    with pytest.raises(FileNotFoundError, match="video 'v1'"):
        builder(str(tmp_path)).build()
    os.rename(osp.join(tmp_path, 'v1.json'), osp.join(tmp_path, 'masks', 'v1.json'))
    with pytest.raises(ValueError, match='at least two classes'):
        builder(str(tmp_path)).build()
    with open(osp.join(tmp_path, 'list.txt'), 'a') as f:
        f.write('\nv0.avi 1')
    with pytest.raises(ValueError, match=r"unique, repeated: \['v0'\]"):
        builder(str(tmp_path))
