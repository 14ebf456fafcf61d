import numpy as np
import pytest

from mmdebias.datasets.detection_cache import (AUTO_MAX_FRAME_GAP, frame_boxes, load_detections,
                                               pack_detections, save_detections,
                                               source_frames)


def random_cache(rng, num_frames=40, stride=4, height=24, width=32):
    """Detections on every ``stride``-th frame: 0-3 boxes each, some partly outside the
    frame, plus a zero-width box (dropped) in some frames."""
    outputs = []
    for _ in range(0, num_frames, stride):
        n = int(rng.integers(0, 4))
        x1, y1 = rng.uniform(-5, width - 1, n), rng.uniform(-5, height - 1, n)
        boxes = np.stack([x1, y1, x1 + rng.uniform(6, 12, n), y1 + rng.uniform(6, 12, n)], 1)
        scores = rng.uniform(0, 1, n)
        if rng.random() < 0.5:
            boxes, scores = np.r_[boxes, [[5, 5, 5, 9]]], np.r_[scores, 0.9]
        outputs.append((boxes, scores))
    return pack_detections(np.arange(0, num_frames, stride), outputs, (height, width))


def boxes_by_loop(det, frame_inds, score_thr):
    """The boxes of each sampled frame, one frame and one box at a time (nearest frame)."""
    scored, out = det['frame_inds'], []
    height, width = det['img_shape']
    for t, f in enumerate(frame_inds):
        src = scored[np.argmin(np.abs(scored - f))]
        if (np.abs(scored - f) == np.abs(src - f)).sum() > 1:  # a tie: the later frame
            src = scored[np.abs(scored - f) == np.abs(src - f)].max()
        keep = (det['frame_of_box'] == src) & (det['scores'] >= score_thr)
        for x1, y1, x2, y2 in det['boxes'][keep]:
            box = [int(np.clip(np.floor(x1), 0, width)), int(np.clip(np.floor(y1), 0, height)),
                   int(np.clip(np.ceil(x2), 0, width)), int(np.clip(np.ceil(y2), 0, height))]
            if box[2] > box[0] and box[3] > box[1]:
                out.append((t, box))
    return out


@pytest.mark.parametrize('seed', range(5))
def test_frame_boxes_matches_a_per_frame_loop(seed):
    rng = np.random.default_rng(seed)
    det = random_cache(rng)
    frame_inds = np.sort(rng.integers(0, 40, 9))
    t, boxes = frame_boxes(det, frame_inds, score_thr=0.3)
    assert t.dtype == boxes.dtype == np.int64 and boxes.shape == (len(t), 4)
    assert list(zip(t.tolist(), boxes.tolist())) == boxes_by_loop(det, frame_inds, 0.3)


def test_source_frames_modes_and_gaps():
    scored = np.array([0, 8, 16])
    frames = np.array([0, 3, 5, 16, 40])
    assert source_frames(frames, scored).tolist() == [0, 0, 8, 16, 16]
    assert source_frames(frames, scored, 'empty').tolist() == [0, -1, -1, 16, -1]
    assert source_frames(frames, scored, max_frame_gap=3).tolist() == [0, 0, 8, 16, -1]
    with pytest.raises(ValueError, match=r'Owner: frames \[3, 5, 40\] of v.mp4 .*c.npz'):
        source_frames(frames, scored, 'error', owner='Owner', video='v.mp4', path='c.npz')
    with pytest.raises(ValueError, match=rf'\[40\] of v.mp4 are 24 frames away.*'
                                         rf'max_frame_gap: {AUTO_MAX_FRAME_GAP}'):
        source_frames(frames, scored, max_frame_gap='auto', video='v.mp4')
    assert source_frames(frames, np.zeros(0, np.int64)).tolist() == [-1] * 5


def test_pack_detections_round_trips_through_the_cache(tmp_path):
    outputs = [(np.array([[1, 2, 5, 6], [0, 0, 3, 3]]), np.array([0.9, 0.02])),
               (np.zeros((0, 4)), np.zeros(0))]
    det = pack_detections([0, 8], outputs, (10, 12), min_score=0.05)
    assert det['boxes'].tolist() == [[1, 2, 5, 6]] and det['frame_of_box'].tolist() == [0]
    save_detections(str(tmp_path / 'v.mp4.npz'), **det)
    loaded = load_detections(str(tmp_path / 'v.mp4.npz'))
    assert all(np.array_equal(loaded[k], det[k]) for k in det)
    with pytest.raises(ValueError, match='online detections.*outside the frame'):
        pack_detections([0], [(np.array([[50, 50, 60, 60]]), np.array([1.0]))], (10, 12),
                        where='online detections')
