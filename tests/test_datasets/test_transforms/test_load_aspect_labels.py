"""Several aspects (soft scene vector, multi-hot object tags, single event id) per video."""
import numpy as np
import pytest
import torch
from mmaction.registry import MODELS, TRANSFORMS

from mmdebias.datasets import save_pseudo_labels


def test_three_aspects_reach_the_neck_through_pack_action_inputs(tmp_path):
    videos = ['a.mp4', 'b.mp4']
    scene = np.array([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]])
    tags = np.array([[1, 0, 1, 0], [0, 0, 0, 1.]])  # HVU-style multi-hot rows
    event = np.array([[0.1, 0.9], [0.7, 0.3]])
    for name, arr in (('scene', scene), ('obj', tags), ('event', event)):
        save_pseudo_labels(str(tmp_path / f'{name}.npz'), videos, arr)
    pipeline = [
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=str(tmp_path / 'scene.npz'))),
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=str(tmp_path / 'obj.npz'),
                              key='obj_label')),
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
    np.testing.assert_allclose(samples[0].scene_label, scene[0])
    np.testing.assert_array_equal(samples[1].obj_label, tags[1])
    assert [s.event_label for s in samples] == [1, 0]
    neck = MODELS.build(dict(type='AdversarialAspectNeck', in_channels=4, preset='smad', aspects=[
        dict(name='scene', num_classes=3), dict(name='obj', num_classes=4, label_type='multi'),
        dict(name='event', num_classes=2, label_type='single')]))
    _, losses = neck(torch.randn(2, 4, 1, 1, 1), data_samples=samples)
    assert {'loss_scene', 'loss_obj', 'loss_event', 'obj_mAP'} <= set(losses)
    assert all(torch.isfinite(v) for v in losses.values())


def test_missing_video_error_names_file_and_fix(tmp_path):
    save_pseudo_labels(str(tmp_path / 'obj.npz'), ['a.mp4'], np.array([[1, 0.]]))
    t = TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=str(tmp_path / 'obj.npz'),
                              key='obj_label'))
    with pytest.raises(KeyError, match="'c.mp4'.*obj.npz.*allow_missing=True"):
        t(dict(filename='c.mp4'))
