"""AdversarialAspectNeck: pools the features, picks the clips, runs one adversary per aspect
(the adversaries themselves: tests/test_models/test_adversaries)."""
import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from tests.conformance import (SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg,
                               train_test_step)

SCENE = dict(type='AspectAdversary', name='scene', num_classes=5, num_hidden_layers=0)
EVENT = dict(type='AspectAdversary', name='event', num_classes=3, hard_labels=True,
             num_hidden_layers=0, loss=dict(type='CrossEntropyLoss', loss_weight=2.0))


def _neck(*adversaries, in_channels=8, **kwargs):
    return MODELS.build(dict(type='AdversarialAspectNeck', in_channels=in_channels,
                             adversaries=list(adversaries or [SCENE]), **kwargs))


def _samples(labels, **flags):
    out = []
    for i, label in enumerate(labels):
        s = ActionDataSample().set_gt_label(0)
        if label is not None:
            s.set_field(label, 'scene_label')
        for key, values in flags.items():
            s.set_field(values[i], key)
        out.append(s)
    return out


def _probs(gen, k=5):
    p = torch.rand(k, generator=gen) + 0.01
    return (p / p.sum()).numpy()


def test_features_pass_unchanged_and_each_adversary_sees_the_pooled_features():
    gen = torch.Generator().manual_seed(0)
    neck = _neck(SCENE, EVENT)
    x = torch.randn(3, 8, 2, 3, 3, generator=gen)
    samples = _samples([_probs(gen), None, _probs(gen)])
    for s, event in zip(samples, [0, 2, 1]):
        s.set_field(np.eye(3, dtype=np.float32)[event], 'event_label')
    out, losses = neck(x, data_samples=samples)
    assert out is x
    pooled = x.mean(dim=(2, 3, 4))
    assert set(losses) == {'loss_scene', 'scene_acc', 'loss_event', 'event_acc'}
    for name in ('scene', 'event'):
        ref = neck.adversaries[name].loss(pooled, samples)
        assert torch.equal(losses[f'loss_{name}'], ref[f'loss_{name}'])
    assert neck(x) == (x, {})  # test time (and ALBAR's static pass): no adversary runs


def test_human_masked_samples_left_out_and_weights_normalised_by_the_number_of_aspects():
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(3, 8, 1, 1, 1, generator=gen)
    labels = [_probs(gen) for _ in range(3)]
    neck = _neck(SCENE, EVENT)
    _, flagged = neck(x, data_samples=_samples(labels, human_masked=[False, True, False]))
    _, subset = neck(x[[0, 2]], data_samples=_samples([labels[0], labels[2]]))
    assert torch.equal(flagged['loss_scene'], subset['loss_scene'])
    halved = _neck(SCENE, EVENT, normalize_by_num_aspects=True)
    halved.load_state_dict(neck.state_dict())
    assert [a.loss_weight for a in halved.adversaries.values()] == [0.5, 0.5]
    _, half = halved(x, data_samples=_samples(labels))
    _, full = neck(x, data_samples=_samples(labels))
    torch.testing.assert_close(half['loss_scene'], full['loss_scene'] / 2)


def test_paired_views_use_the_original_view_and_keep_one_output_per_view():
    gen = torch.Generator().manual_seed(6)
    neck = _neck()
    labels = [_probs(gen), _probs(gen)]
    paired = _samples(labels, human_mask_paired=[True, True], human_masked=[True, True])
    # Recognizer2D: [N, C, views * segs, H, W]; segments 0-2 original, 3-5 masked copy
    stage = torch.randn(2, 8, 6, 2, 2, generator=gen)
    out, losses = neck([stage], data_samples=paired)
    assert tuple(out.shape) == (4, 8, 1, 2, 2)
    torch.testing.assert_close(out[0, :, 0], stage[0, :, :3].mean(1))
    torch.testing.assert_close(out[1, :, 0], stage[0, :, 3:].mean(1))
    _, ref = neck([stage[:, :, :3]], data_samples=_samples(labels))
    torch.testing.assert_close(losses['loss_scene'], ref['loss_scene'])
    # Recognizer3D: [N * views, C, T, H, W], sample-major
    clips = torch.randn(4, 8, 2, 2, 2, generator=gen)
    out, losses = neck(clips, data_samples=paired)
    assert out is clips
    _, ref = neck(clips[[0, 2]], data_samples=_samples(labels))
    torch.testing.assert_close(losses['loss_scene'], ref['loss_scene'])


def test_checkpoints_of_the_former_neck_load():
    neck = _neck(dict(SCENE, num_hidden_layers=1, hidden_channels=4))
    keys = set(neck.state_dict())
    assert 'adversaries.scene.classifier.1.weight' in keys
    former = {k.replace('adversaries.scene.classifier.', 'classifiers.scene.'):
              torch.randn_like(v) if v.is_floating_point() else v
              for k, v in neck.state_dict().items()}
    neck.load_state_dict(former)  # strict
    assert torch.equal(neck.adversaries['scene'].classifier[4].bias,
                       former['classifiers.scene.4.bias'])


def test_bad_configs_and_inputs_name_the_fix():
    with pytest.raises(ValueError, match='exactly one'):
        MODELS.build(dict(type='AdversarialAspectNeck', in_channels=8))
    with pytest.raises(ValueError, match='compact'):
        _neck(preset='smad')
    with pytest.raises(ValueError, match="'scene' appears twice"):
        _neck(SCENE, SCENE)
    with pytest.raises(ValueError, match='non-empty'):
        MODELS.build(dict(type='AdversarialAspectNeck', in_channels=8, adversaries=[]))
    with pytest.raises(ValueError, match='in_channels=8'):
        _neck()(torch.randn(2, 4, 1, 1, 1), data_samples=_samples([None, None]))
    with pytest.raises(ValueError, match='features are non-finite'):
        _neck()(torch.full((2, 8, 1, 1, 1), float('nan')), data_samples=_samples([None, None]))


NECK = dict(type='AdversarialAspectNeck', in_channels=512,
            adversaries=[dict(type='AspectAdversary', name='scene', num_classes=6,
                              hidden_channels=16)])


def _scene_fields(n=2, k=6):
    gen = torch.Generator().manual_seed(5)
    return {'scene_label': [_probs(gen, k) for _ in range(n)]}


def test_conformance_slowonly_with_scene_neck():
    model, log_vars, _ = train_test_step(
        recognizer_cfg(SLOWONLY_R18, neck=NECK), expected_losses=('loss_cls', 'loss_scene',
                                                                   'scene_acc'),
        sample_shape=(1, 3, 4, 16, 16), extra_fields=_scene_fields())
    assert any(k.startswith('neck.adversaries.scene.classifier.') for k in model.state_dict())


def test_conformance_tsn_needs_two_stage_output_and_keeps_predictions():
    cfg = recognizer_cfg(TSN_R18, neck=NECK)
    with pytest.raises(ValueError, match=r'out_indices.*\(2, 3\)'):  # checked at build time
        MODELS.build(dict(cfg, type='DebiasRecognizer2D'))
    cfg['backbone']['out_indices'] = (2, 3)
    model, log_vars, preds = train_test_step(
        cfg, expected_losses=('loss_cls', 'loss_scene'), sample_shape=(3, 3, 16, 16),
        extra_fields=_scene_fields())
    # the same weights without the neck predict the same scores
    plain = MODELS.build(recognizer_cfg(TSN_R18))
    plain.load_state_dict({k: v for k, v in model.state_dict().items()
                           if not k.startswith('neck.')})
    plain.eval()
    with torch.no_grad():
        ref = plain.test_step(make_batch(2, (3, 3, 16, 16), 4, seed=1))
    for a, b in zip(preds, ref):
        torch.testing.assert_close(a.pred_score, b.pred_score, rtol=1e-5, atol=1e-6)


def test_conformance_tsn_paired_views_with_scene_neck_and_confusion_head():
    cfg = recognizer_cfg(TSN_R18, neck=NECK, cls_head=dict(
        type='HumanMaskConfusionHead', head=TSN_R18['cls_head']))
    cfg['backbone']['out_indices'] = (2, 3)
    fields = dict(_scene_fields(), human_mask_paired=[True, True], human_masked=[True, False])
    train_test_step(cfg, expected_losses=('loss_cls', 'loss_scene', 'loss_mask_entropy'),
                    sample_shape=(6, 3, 16, 16), extra_fields=fields)
