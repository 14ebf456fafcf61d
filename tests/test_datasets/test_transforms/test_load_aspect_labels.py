"""LoadAspectLabels: one fixed-width vector per video and aspect (or the -1 marker), parsed
once from the label file; several aspects reach the adversaries through PackActionInputs."""
import numpy as np
import pytest
import torch
from mmaction.registry import MODELS, TRANSFORMS

from mmdebias.datasets.pseudo_labels import save_pseudo_labels


def _load(path, video, **kwargs):
    return TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=str(path), **kwargs))(
        dict(filename=f'/data/{video}'))


def test_label_formats_give_fixed_width_float_vectors(tmp_path):
    probs = np.array([[0.2, 0.5, 0.3], [0.6, 0.3, 0.2]], np.float32)  # row 1 sums to 1.1
    save_pseudo_labels(str(tmp_path / 'p.npz'), ['a.mp4', 'b.mp4'], probs)
    soft = _load(tmp_path / 'p.npz', 'b.mp4')['scene_label']
    assert soft.dtype == np.float32 and soft.shape == (3, )
    np.testing.assert_allclose(soft, probs[1] / probs[1].sum(), rtol=1e-6)
    onehot = _load(tmp_path / 'p.npz', 'a.mp4', label_format='top1')['scene_label']
    np.testing.assert_array_equal(onehot, np.float32([0, 1, 0]))
    tags = np.array([[1, 0, 1, 0], [0, 0, 0, 0]], np.float32)  # no tag is a valid label
    save_pseudo_labels(str(tmp_path / 't.npz'), ['a.mp4', 'b.mp4'], tags)
    for video, row in (('a.mp4', 0), ('b.mp4', 1)):
        out = _load(tmp_path / 't.npz', video, key='obj_label', label_format='multi_hot')
        np.testing.assert_array_equal(out['obj_label'], tags[row])
    assert _load(tmp_path / 't.npz', 'c.mp4', label_format='multi_hot',
                 allow_missing=True)['scene_label'] == -1


def test_bad_rows_are_errors_naming_the_videos(tmp_path):
    save_pseudo_labels(str(tmp_path / 'z.npz'), ['a.mp4', 'zero.mp4'],
                       np.array([[1.0, 0.0], [0.0, 0.0]]))
    with pytest.raises(ValueError, match='all-zero probability rows.*zero.mp4'):
        _load(tmp_path / 'z.npz', 'a.mp4')
    save_pseudo_labels(str(tmp_path / 'big.npz'), ['a.mp4', 'big.mp4'],
                       np.array([[1.0, 0.0], [2.0, 0.0]]))
    with pytest.raises(ValueError, match=r"big.mp4.*label_format='probs'"):
        _load(tmp_path / 'big.npz', 'a.mp4', label_format='multi_hot')
    with pytest.raises(ValueError, match='label_format'):
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file='x.npz', label_format='hot'))


def test_missing_video_error_names_file_and_fix(tmp_path):
    save_pseudo_labels(str(tmp_path / 'obj.npz'), ['a.mp4'], np.array([[1, 0.]]))
    with pytest.raises(KeyError, match="'c.mp4'.*obj.npz.*allow_missing=True"):
        _load(tmp_path / 'obj.npz', 'c.mp4', key='obj_label')


def test_three_aspects_reach_the_adversaries_through_pack_action_inputs(tmp_path):
    videos = ['a.mp4', 'b.mp4']
    scene = np.array([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]])
    tags = np.array([[1, 0, 1, 0], [0, 0, 0, 1.]])  # HVU-style multi-hot rows
    event = np.array([[0.1, 0.9], [0.7, 0.3]])
    for name, arr in (('scene', scene), ('obj', tags), ('event', event)):
        save_pseudo_labels(str(tmp_path / f'{name}.npz'), videos, arr)
    pipeline = [
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=str(tmp_path / 'scene.npz'))),
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=str(tmp_path / 'obj.npz'),
                              key='obj_label', label_format='multi_hot')),
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=str(tmp_path / 'event.npz'),
                              key='event_label', label_format='top1')),
        TRANSFORMS.build(dict(type='PackActionInputs',
                              algorithm_keys=('scene_label', 'obj_label', 'event_label'))),
    ]
    samples = []
    for i, video in enumerate(videos):
        results = dict(filename=f'/data/{video}', label=i,
                       imgs=[np.zeros((4, 4, 3), np.uint8)], num_clips=1, clip_len=1)
        for t in pipeline:
            results = t(results)
        samples.append(results['data_samples'])
    np.testing.assert_allclose(samples[0].scene_label, scene[0], rtol=1e-6)
    np.testing.assert_array_equal(samples[1].obj_label, tags[1])
    np.testing.assert_array_equal([s.event_label for s in samples], [[0, 1], [1, 0]])
    neck = MODELS.build(dict(type='AdversarialAspectNeck', in_channels=4, adversaries=[
        dict(type='AspectAdversary', name='scene', num_classes=3),
        dict(type='MultiLabelAspectAdversary', name='obj', num_classes=4),
        dict(type='AspectAdversary', name='event', num_classes=2, hard_labels=True)]))
    _, losses = neck(torch.randn(2, 4, 1, 1, 1), data_samples=samples)
    assert {'loss_scene', 'loss_obj', 'loss_event', 'obj_mAP'} <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())
