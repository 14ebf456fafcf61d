import json
import os.path as osp

import decord
import numpy as np
import pytest

from mmdebias.datasets.synthetic import MotionShapesRenderer, generate_motion_shapes
from mmdebias.datasets.synthetic.motion_shapes import DIRECTIONS


@pytest.fixture(scope='module')
def bench(tmp_path_factory):
    out = str(tmp_path_factory.mktemp('motion_shapes'))
    files = generate_motion_shapes(out, seed=3, num_train_per_class=5, num_test_per_class=3)
    return out, files


def _read(root, rel):
    vr = decord.VideoReader(osp.join(root, rel))
    return vr.get_batch(list(range(len(vr)))).asnumpy().astype(np.float32)


def test_files_and_protocol_shapes(bench):
    root, files = bench
    entries = {k: json.load(open(files[k])) for k in
               ('train_full', 'original', 'scuba', 'scufo', 'conflfg')}
    assert len(entries['train_full']) == 20 and len(entries['original']) == 12
    assert len(open(files['train']).read().splitlines()) == 20
    for name in ('scuba', 'scufo', 'conflfg'):
        assert len(entries[name]) == 12
        assert all(e['protocol'] == name for e in entries[name])
    # every SCUBA clip has exactly one SCUFO partner with the same pair id and label
    scuba = {e['pair_id']: e for e in entries['scuba']}
    scufo = {e['pair_id']: e for e in entries['scufo']}
    assert scuba.keys() == scufo.keys()
    assert all(scuba[p]['label'] == scufo[p]['label'] for p in scuba)
    assert {e['background'] for e in entries['scuba']} <= {'stripes', 'other'}
    for e in entries['conflfg']:
        assert e['static_label'] != e['label']
    clip = _read(root, entries['scuba'][0]['filename'])
    assert clip.shape == (8, 32, 32, 3)


def test_scufo_is_static_and_scuba_moves(bench):
    root, files = bench
    scuba = json.load(open(files['scuba']))[0]
    scufo = next(e for e in json.load(open(files['scufo'])) if e['pair_id'] == scuba['pair_id'])
    moving, still = _read(root, scuba['filename']), _read(root, scufo['filename'])
    assert np.abs(np.diff(still, axis=0)).mean() < 1.0  # codec noise only
    assert np.abs(np.diff(moving, axis=0)).mean() > 2 * np.abs(np.diff(still, axis=0)).mean()
    # the still clip is the middle (T // 2) frame of its SCUBA clip
    assert np.abs(still[0] - moving[4]).mean() < 4.0


def test_deterministic_and_reused(tmp_path):
    a = generate_motion_shapes(str(tmp_path / 'a'), seed=1, num_train_per_class=2,
                               num_test_per_class=1)
    b = generate_motion_shapes(str(tmp_path / 'b'), seed=1, num_train_per_class=2,
                               num_test_per_class=1)
    for key in a:
        assert open(a[key]).read().replace('/a/', '/b/') == open(b[key]).read()
    assert np.array_equal(_read(str(tmp_path / 'a'), 'train/train_full_00001.mp4'),
                          _read(str(tmp_path / 'b'), 'train/train_full_00001.mp4'))
    mtime = osp.getmtime(a['scuba'])
    generate_motion_shapes(str(tmp_path / 'a'), seed=1, num_train_per_class=2,
                           num_test_per_class=1)
    assert osp.getmtime(a['scuba']) == mtime  # complete benchmark reused, not rewritten


def test_motion_defines_the_class_and_middle_frame_does_not():
    renderer = MotionShapesRenderer()
    rng = np.random.default_rng(0)
    mids = {c: [] for c in range(4)}
    for c in range(4):
        for _ in range(200):
            spec = renderer.sample_spec(rng, c, aligned=False)
            _, alpha = renderer.actor_layers(spec)
            ys, xs = np.nonzero(alpha[renderer.mid] > 0.5)
            mids[c].append((xs.mean(), ys.mean()))
            # the actor moves along its class direction
            ys0, xs0 = np.nonzero(alpha[0] > 0.5)
            step = np.array([xs.mean() - xs0.mean(), ys.mean() - ys0.mean()])
            assert step @ DIRECTIONS[c] > 0
    # the middle-frame position distribution does not depend on the class
    centres = np.array([np.mean(mids[c], axis=0) for c in range(4)])
    assert np.abs(centres - centres.mean(0)).max() < 1.0


def test_bias_rate_is_planted(tmp_path):
    files = generate_motion_shapes(str(tmp_path), seed=0, num_train_per_class=50,
                                   num_test_per_class=1, bias=0.9)
    train = json.load(open(files['train_full']))
    aligned = np.mean([e['aligned'] for e in train])
    scene_agrees = np.mean([e['scene_label'] == e['label'] for e in train])
    assert 0.83 < aligned < 0.97 and scene_agrees >= aligned
