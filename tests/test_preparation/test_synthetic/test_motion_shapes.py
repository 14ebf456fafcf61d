import json
import os.path as osp

import decord
import numpy as np
import pytest

from mmdebias.preparation.synthetic import MotionShapesRenderer, generate_motion_shapes
from mmdebias.preparation.synthetic.motion_shapes import DIRECTIONS


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
               ('train_full', 'original', 'scuba', 'scufo', 'conflfg', 'conflbg')}
    assert len(entries['train_full']) == 20 and len(entries['original']) == 12
    assert len(open(files['train']).read().splitlines()) == 20
    for name in ('scuba', 'scufo', 'conflfg', 'conflbg'):
        assert len(entries[name]) == 12
        assert all(e['protocol'] == name for e in entries[name])
    # every SCUBA clip has exactly one SCUFO partner with the same pair id and label
    scuba = {e['pair_id']: e for e in entries['scuba']}
    scufo = {e['pair_id']: e for e in entries['scufo']}
    assert scuba.keys() == scufo.keys()
    assert all(scuba[p]['label'] == scufo[p]['label'] for p in scuba)
    assert {e['background'] for e in entries['scuba']} <= {'stripes', 'other'}
    for e in entries['conflfg'] + entries['conflbg']:
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
        if key == 'actor_boxes':
            continue
        if a[key].endswith('.npz'):
            with np.load(a[key]) as fa, np.load(b[key]) as fb:
                assert all(np.array_equal(fa[k], fb[k]) for k in fa.files)
        else:
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


def test_aspect_label_files_feed_load_aspect_labels(bench):
    """scene_labels.npz / object_labels.npz hold the background palette / actor shape of
    every training clip, keyed as LoadAspectLabels(data_root=out_dir) looks them up."""
    from mmdebias.datasets.transforms import LoadAspectLabels
    root, files = bench
    train = json.load(open(files['train_full']))
    for name, key in (('scene_labels', 'scene_label'), ('object_labels', 'object_label')):
        load = LoadAspectLabels(files[name], key=key, data_root=root, label_format='top1')
        for entry in train:
            out = load(dict(filename=osp.join(root, entry['filename'])))
            assert out[key].argmax() == entry[key]  # one-hot
        with pytest.raises(KeyError, match='original_00000.mp4'):
            load(dict(filename=osp.join(root, 'val/original_00000.mp4')))


def test_noise_is_per_frame_and_optional(tmp_path):
    kw = dict(seed=2, num_train_per_class=1, num_test_per_class=1)
    clean = generate_motion_shapes(str(tmp_path / 'clean'), **kw)
    generate_motion_shapes(str(tmp_path / 'noisy'), noise=30.0, **kw)
    rel = json.load(open(clean['scufo']))[0]['filename']
    a, b = _read(str(tmp_path / 'clean'), rel), _read(str(tmp_path / 'noisy'), rel)
    assert np.abs(b - a).mean() > 5  # the noise is there ...
    assert np.abs(np.diff(b, axis=0)).mean() < 1.0  # ... and a SCUFO clip is still static
    rel = json.load(open(clean['original']))[0]['filename']
    a, b = _read(str(tmp_path / 'clean'), rel), _read(str(tmp_path / 'noisy'), rel)
    # temporal differences grow: independent noise on every frame
    assert np.abs(np.diff(b, axis=0)).mean() > 2 * np.abs(np.diff(a, axis=0)).mean()
    # the clean benchmark is unchanged by the knob's existence (noise=0 draws nothing)
    assert json.load(open(osp.join(tmp_path / 'clean', 'meta.json')))['params']['noise'] == 0


def test_actor_boxes_are_a_detection_cache_for_human_mask(bench):
    """The generator's actor boxes feed HumanMask: masking them removes the actor."""
    from mmdebias.datasets.detection_cache import cache_path, load_detections
    from mmdebias.datasets.transforms import HumanMask
    root, files = bench
    entry = json.load(open(files['train_full']))[0]
    video = osp.join(root, entry['filename'])
    det = load_detections(cache_path(video, files['actor_boxes'], root))
    assert det['boxes'].shape == (8, 4) and list(det['img_shape']) == [32, 32]
    w, h = (det['boxes'][:, 2:] - det['boxes'][:, :2]).T
    assert (w >= 7).all() and (w <= 11).all() and (h >= 7).all() and (h <= 11).all()
    imgs = list(_read(root, entry['filename']).astype(np.uint8))
    masked = HumanMask(cache_root=files['actor_boxes'], data_root=root, mask_ratio=1.0)(
        dict(filename=video, imgs=[i.copy() for i in imgs], frame_inds=np.arange(8)))
    assert masked['human_masked']
    for t, (box, img) in enumerate(zip(det['boxes'].astype(int), masked['imgs'])):
        x1, y1, x2, y2 = box
        inside = img[y1:y2, x1:x2].astype(np.float32)
        # the box is filled with one colour (the frame mean) and the rest is untouched
        assert inside.std(axis=(0, 1)).max() < 1.0
        rest = np.ones((32, 32), bool)
        rest[y1:y2, x1:x2] = False
        assert np.array_equal(img[rest], imgs[t][rest])


def test_conflbg_is_the_original_clip_on_another_class_background(bench):
    """Confl-BG keeps the original clip's moving actor and swaps its background for the
    training palette of static_label."""
    from mmdebias.preparation.synthetic.motion_shapes import BG_PALETTES
    root, files = bench
    original = {e['video_id']: e for e in json.load(open(files['original']))}
    for entry in json.load(open(files['conflbg'])):
        source = original[entry['video_id']]
        assert entry['label'] == source['label'] and entry['background'] == 'seen'
        a, b = _read(root, source['filename']), _read(root, entry['filename'])
        # the actor (where the two clips agree) moves the same way; the background differs
        same = np.abs(a - b).max(axis=-1) < 30  # (MPEG-4 blurs the 32x32 frames)
        assert 0.01 < same.mean() < 0.3
        # the new background's mean colour is the other class's palette (BGR written,
        # decord reads RGB)
        bg_mean = b[~same].reshape(-1, 3).mean(0)[::-1]
        palette = np.argmin(np.abs(BG_PALETTES - bg_mean).sum(1))
        assert palette == entry['static_label']


@pytest.fixture(scope='module')
def hard(tmp_path_factory):
    out = str(tmp_path_factory.mktemp('motion_shapes_hard'))
    files = generate_motion_shapes(out, seed=1, num_train_per_class=40, num_test_per_class=4,
                                   bias=0.95, preset='hard')
    return out, files


def test_hard_preset_classes_cues_and_control_set(hard):
    from mmdebias.preparation.synthetic.motion_shapes import HARD_CLASSES
    root, files = hard
    train = json.load(open(files['train_full']))
    assert len(train) == 240 and {e['label'] for e in train} == set(range(6))
    assert json.load(open(osp.join(root, 'meta.json')))['classes'] == list(HARD_CLASSES)
    # each cue is the class's own in about 95% of clips, independently
    bg = np.mean([e['scene_label'] == e['label'] for e in train])
    colour = np.mean([e['object_label'] == e['label'] for e in train])
    assert 0.9 < bg <= 1 and 0.9 < colour <= 1
    assert np.mean([e['aligned'] for e in train]) < min(bg, colour)
    # the unbiased control: same number of clips, cues independent of the label
    control = open(files['control_train']).read().splitlines()
    assert len(control) == 240 and all(line.startswith('control/') for line in control)
    # oracle weights: the conflicting clips balance the aligned ones
    weights = json.load(open(files['oracle_weights']))
    up = [weights[e['filename']] for e in train if not e['aligned']]
    assert up and len(set(up)) == 1
    assert up[0] * len(up) == pytest.approx(sum(e['aligned'] for e in train))


def test_hard_preset_rotation_classes_rotate_in_place():
    renderer = MotionShapesRenderer(preset='hard')
    rng = np.random.default_rng(0)
    for label, sign in ((4, 1), (5, -1)):
        spec = renderer.sample_spec_hard(rng, label, bias=1.0)
        assert np.sign(spec.spin) == sign and spec.speed > 0
        _, alphas = renderer.actor_layers(spec)
        centres = [np.argwhere(a > 0.5).mean(axis=0) for a in alphas]
        # the mask's centroid stays within 2 px (a translation moves it 14 px) while the
        # mask changes between frames
        assert np.abs(np.array(centres) - centres[0]).max() < 2.0
        assert np.abs(alphas[0] - alphas[-1]).sum() > 5


def test_hard_preset_probe_sets_redraw_the_actor_colour(hard):
    root, files = hard
    original = {e['video_id']: e for e in json.load(open(files['original']))}
    conflbg = json.load(open(files['conflbg']))
    assert all(original[e['video_id']]['label'] == e['label'] for e in conflbg)
    assert all(e['static_label'] != e['label'] for e in conflbg)


def test_presets_are_checked():
    with pytest.raises(ValueError, match='preset'):
        generate_motion_shapes('/tmp/never', preset='medium')
    with pytest.raises(ValueError, match='bias'):
        generate_motion_shapes('/tmp/never', bias=1.5)
    with pytest.raises(ValueError, match='generate_motion_shapes: noise must be .*negative'):
        generate_motion_shapes('/tmp/never', noise=-5)
    with pytest.raises(ValueError, match='MotionShapes: speed must be .*negative'):
        generate_motion_shapes('/tmp/never', speed=-2.0)


def _independence_p(entries, key, k):
    """p-value of Pearson's chi-square test that the cue ``key`` is independent of the
    label over ``entries`` (k x k contingency table)."""
    from scipy.stats import chi2_contingency
    table = np.zeros((k, k))
    for e in entries:
        table[e['label'], e[key]] += 1
    return chi2_contingency(table + 1e-9).pvalue


@pytest.mark.parametrize('preset', ['easy', 'hard'])
def test_control_set_is_unbiased(tmp_path, preset):
    """The unbiased control's training list: every static cue independent of the class
    (chi-square p > 0.01 and agreement with the label near 1/K), where the same test rejects
    the biased training set; the list and its JSON agree, with every class equally often."""
    k = 6 if preset == 'hard' else 4
    files = generate_motion_shapes(str(tmp_path), seed=2, num_train_per_class=40,
                                   num_test_per_class=1, bias=0.9, preset=preset)
    control = json.load(open(files['control_train_full']))
    train = json.load(open(files['train_full']))
    assert [f"{e['filename']} {e['label']}" for e in control] == \
        open(files['control_train']).read().splitlines()
    assert np.bincount([e['label'] for e in control]).tolist() == [40] * k
    assert all(e['filename'].startswith('control/') and osp.isfile(osp.join(tmp_path,
               e['filename'])) for e in control)
    # easy: background palette and actor shape (one draw also sets the colour); hard:
    # background palette and actor colour
    for key in ('scene_label', 'object_label'):
        agree = np.mean([e[key] == e['label'] for e in control])
        assert abs(agree - 1 / k) < 0.1, (key, agree)
        assert _independence_p(control, key, k) > 0.01, key
        assert _independence_p(train, key, k) < 1e-6, key  # the biased set is caught
    assert np.mean([e['aligned'] for e in control]) < 0.1
