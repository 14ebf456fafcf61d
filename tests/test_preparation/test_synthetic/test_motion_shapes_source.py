"""The transfer preset's source task: eight translations, no static cue tied to the class."""
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
    # the classes overlap the target's only in part
    shared = set(DEFAULT_SOURCE_CLASSES) & set(HARD_CLASSES)
    assert shared and shared != set(HARD_CLASSES) and shared != set(DEFAULT_SOURCE_CLASSES)
    mtime = osp.getmtime(osp.join(out, train[0][0]))
    assert generate_motion_shapes_source(out, seed=1, num_train_per_class=2,
                                         num_val_per_class=1) == files
    assert osp.getmtime(osp.join(out, train[0][0])) == mtime  # reused, not rewritten


def test_every_class_translates_in_its_direction_without_rotation():
    renderer = MotionShapesRenderer(preset='source')
    rng = np.random.default_rng(0)
    for label, name in enumerate(SOURCE_CLASSES):
        spec = sample_source_spec(renderer, rng, label)
        assert spec.spin == 0.0
        _, alphas = renderer.actor_layers(spec)
        centres = np.array([np.argwhere(a > 0.5).mean(axis=0) for a in alphas])  # (y, x)
        dy, dx = centres[-1] - centres[0]
        expect_x = 1 if 'right' in name else -1 if 'left' in name else 0
        expect_y = 1 if 'down' in name else -1 if 'up' in name else 0
        for delta, expect in ((dx, expect_x), (dy, expect_y)):
            assert (abs(delta) < 1.5) if expect == 0 else (np.sign(delta) == expect
                                                          and abs(delta) > 5), (name, dx, dy)


def test_static_cues_do_not_tell_the_class():
    """Actor colour and shape are drawn independently of the class (chi-square p > 0.01),
    and the middle-frame position is class-independent."""
    from scipy.stats import chi2_contingency
    renderer = MotionShapesRenderer(preset='source')
    rng = np.random.default_rng(3)
    specs = [sample_source_spec(renderer, rng, i % 8) for i in range(8 * 60)]
    colours = np.array([int(np.argmin(np.abs(
        renderer.actor_colours - s.actor_colour).sum(axis=1))) for s in specs])
    labels = np.array([s.label for s in specs])
    for cue, k in ((colours, 6), (np.array([s.actor_shape for s in specs]), 4)):
        table = np.zeros((8, k))
        np.add.at(table, (labels, cue), 1)
        table = table[:, table.sum(axis=0) > 0]
        assert chi2_contingency(table).pvalue > 0.01
    centres = np.array([s.centre for s in specs])
    assert np.abs(centres[labels == 0].mean(0) - centres[labels == 4].mean(0)).max() < 1.5


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
