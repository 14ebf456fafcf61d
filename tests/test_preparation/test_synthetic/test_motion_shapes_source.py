"""The transfer preset's source task: six motions, one shared with the target, no static cue
tied to the class; the catalogue of source motions each moves as named."""
import json
import os.path as osp

import decord
import numpy as np
import pytest

from mmdebias.preparation.synthetic import MotionShapesRenderer, generate_motion_shapes_source
from mmdebias.preparation.synthetic.motion_shapes import HARD_CLASSES, SOURCE_CLASSES
from mmdebias.preparation.synthetic.motion_shapes_source import (DEFAULT_SOURCE_CLASSES,
                                                               sample_source_spec)


def test_files_classes_and_reuse(tmp_path):
    out = str(tmp_path / 'source')
    files = generate_motion_shapes_source(out, seed=1, num_train_per_class=2,
                                          num_val_per_class=1)
    train = [line.split() for line in open(files['train']).read().splitlines()]
    val = [line.split() for line in open(files['val']).read().splitlines()]
    k = len(DEFAULT_SOURCE_CLASSES)
    assert len(train) == 2 * k and len(val) == k
    assert sorted({int(label) for _, label in train}) == list(range(k))
    assert json.load(open(files['meta']))['classes'] == list(DEFAULT_SOURCE_CLASSES)
    vr = decord.VideoReader(osp.join(out, train[0][0]))
    assert len(vr) == 8 and vr[0].shape == (32, 32, 3)
    mtime = osp.getmtime(osp.join(out, train[0][0]))
    assert generate_motion_shapes_source(out, seed=1, num_train_per_class=2,
                                         num_val_per_class=1) == files
    assert osp.getmtime(osp.join(out, train[0][0])) == mtime  # reused, not rewritten


def test_the_default_source_shares_one_motion_with_the_target():
    """Only ``right`` is both a source and a target class; the other source classes teach
    motion the target does not have, and the target's other motions never occur."""
    assert len(DEFAULT_SOURCE_CLASSES) == 6
    assert set(DEFAULT_SOURCE_CLASSES) & set(HARD_CLASSES) == {'right'}
    assert not {'left', 'down', 'up', 'clockwise', 'counterclockwise'} & set(
        DEFAULT_SOURCE_CLASSES)
    assert set(DEFAULT_SOURCE_CLASSES) <= set(SOURCE_CLASSES)
    # more clips than the target (200 training clips per class x 6)
    assert len(DEFAULT_SOURCE_CLASSES) * 300 > 6 * 200


def _track(renderer, spec):
    """Centre (x, y), area (px) and orientation-sensitive second moment of the actor per
    frame."""
    _, alphas = renderer.actor_layers(spec)
    centres, areas = [], []
    for alpha in alphas:
        ys, xs = np.nonzero(alpha > 0.5)
        centres.append((xs.mean(), ys.mean()))
        areas.append(len(xs))
    return np.array(centres), np.array(areas), alphas


def test_every_source_motion_moves_as_named():
    renderer = MotionShapesRenderer(preset='source')
    rng = np.random.default_rng(0)
    for label, name in enumerate(SOURCE_CLASSES):
        spec = sample_source_spec(renderer, rng, label)
        centres, areas, alphas = _track(renderer, spec)
        dx, dy = centres[-1] - centres[0]
        if name in ('grow', 'shrink', 'still', 'clockwise', 'counterclockwise'):
            assert np.abs(centres - centres[0]).max() < 1.5, name  # stays in place
        elif name.startswith('oscillate'):
            axis = 0 if name.endswith('horizontal') else 1
            path = centres[:, axis] - centres[0, axis]
            assert np.ptp(path) > 10 and np.abs(centres[:, 1 - axis] - centres[0, 1 - axis]
                                                ).max() < 1.5, name
            assert path.max() > 4 and path.min() < -4, name  # back and forth
        else:  # translations
            expect_x = 1 if 'right' in name else -1 if 'left' in name else 0
            expect_y = 1 if 'down' in name else -1 if 'up' in name else 0
            for delta, expect in ((dx, expect_x), (dy, expect_y)):
                assert (abs(delta) < 1.5) if expect == 0 else (np.sign(delta) == expect
                                                              and abs(delta) > 5), (name, dx, dy)
        if name == 'grow':
            assert areas[-1] > 2.5 * areas[0], (name, areas)
        elif name == 'shrink':
            assert areas[0] > 2.5 * areas[-1], (name, areas)
        else:
            assert areas.max() < 1.3 * areas.min(), (name, areas)
        spin = dict(clockwise=1, counterclockwise=-1).get(name, 0)
        assert np.sign(spec.spin) == spin and (spin == 0 or abs(spec.spin) >= 15), name
        if name == 'still':
            assert all(np.array_equal(a, alphas[0]) for a in alphas)


def test_static_cues_do_not_tell_the_class():
    """Actor colour and shape are drawn independently of the class (chi-square p > 0.01),
    and the middle-frame position is class-independent."""
    from scipy.stats import chi2_contingency
    renderer = MotionShapesRenderer(preset='source')
    rng = np.random.default_rng(3)
    ids = [SOURCE_CLASSES.index(c) for c in DEFAULT_SOURCE_CLASSES]
    specs = [sample_source_spec(renderer, rng, ids[i % 6]) for i in range(6 * 60)]
    colours = np.array([int(np.argmin(np.abs(
        renderer.actor_colours - s.actor_colour).sum(axis=1))) for s in specs])
    labels = np.array([ids.index(s.label) for s in specs])
    for cue, k in ((colours, 6), (np.array([s.actor_shape for s in specs]), 4)):
        table = np.zeros((6, k))
        np.add.at(table, (labels, cue), 1)
        table = table[:, table.sum(axis=0) > 0]
        assert chi2_contingency(table).pvalue > 0.01
    centres = np.array([s.centre for s in specs])
    assert np.abs(centres[labels == 0].mean(0) - centres[labels == 3].mean(0)).max() < 1.5


def test_bad_sizes_are_rejected(tmp_path):
    with pytest.raises(ValueError, match='num_train_per_class'):
        generate_motion_shapes_source(str(tmp_path), num_train_per_class=0)
    with pytest.raises(ValueError, match='preset'):
        MotionShapesRenderer(preset='kinetics')
    for classes in (('right', 'spin'), ('right', 'right'), ('right', )):
        with pytest.raises(ValueError, match='classes must be at least two distinct'):
            generate_motion_shapes_source(str(tmp_path), classes=classes)


def test_classes_choose_the_motions(tmp_path):
    files = generate_motion_shapes_source(str(tmp_path), num_train_per_class=1,
                                          num_val_per_class=1, classes=('up', 'down-left'))
    assert json.load(open(files['meta']))['classes'] == ['up', 'down-left']
    assert [line.split()[1] for line in open(files['train'])] == ['0', '1']


def test_noise_is_the_targets_sensor_noise(tmp_path):
    """``noise`` draws the target's per-frame sensor noise on the same clips (the same camera
    for source and target); a noisy source is its own benchmark (meta), a noiseless one keeps
    its files."""
    clean = generate_motion_shapes_source(str(tmp_path / 'clean'), num_train_per_class=1,
                                          num_val_per_class=1)
    noisy = generate_motion_shapes_source(str(tmp_path / 'noisy'), num_train_per_class=1,
                                          num_val_per_class=1, noise=20.0)
    assert 'noise' not in json.load(open(clean['meta']))['params']
    assert json.load(open(noisy['meta']))['params']['noise'] == 20.0
    rel = open(clean['train']).readline().split()[0]
    a = decord.VideoReader(osp.join(str(tmp_path / 'clean'), rel)).get_batch(
        list(range(8))).asnumpy().astype(np.float32)
    b = decord.VideoReader(osp.join(str(tmp_path / 'noisy'), rel)).get_batch(
        list(range(8))).asnumpy().astype(np.float32)
    diff = b - a
    # zero-mean noise of about the asked std (codec smoothing lowers it), the content kept
    assert abs(diff.mean()) < 3 and 6 < diff.std() < 25
    # frame-to-frame: independent noise per frame, not one pattern over the clip
    assert np.abs(diff[1] - diff[0]).mean() > 3


@pytest.mark.parametrize('kwargs, match', [
    (dict(noise=-1.0), 'generate_motion_shapes_source: noise must be a finite number >= 0'),
    (dict(noise=float('nan')), 'noise must be a finite number >= 0.*NaN'),
    (dict(speed=-1.0), 'MotionShapes: speed must be a finite number > 0.*negative'),
    (dict(speed=0), 'MotionShapes: speed must be a finite number > 0.*zero'),
])
def test_bad_camera_is_a_clear_error(tmp_path, kwargs, match):
    """A negative speed would reverse every motion (mislabelled clips), a negative noise was
    silently no noise: both are errors naming the argument."""
    with pytest.raises(ValueError, match=match):
        generate_motion_shapes_source(str(tmp_path), num_train_per_class=1,
                                      num_val_per_class=1, **kwargs)
    assert not (tmp_path / 'train.txt').exists()
