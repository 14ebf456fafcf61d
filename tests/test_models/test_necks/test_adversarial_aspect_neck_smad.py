"""SMAD multi-aspect adversarial training (MAAT) with AdversarialAspectNeck(preset='smad')."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample


ASPECTS = [dict(name='scene', num_classes=4, label_type='soft', num_hidden_layers=0),
           dict(name='obj', num_classes=3, label_type='multi', num_hidden_layers=0),
           dict(name='event', num_classes=3, label_type='single', num_hidden_layers=0)]


def _neck(**kwargs):
    return MODELS.build(dict(type='AdversarialAspectNeck', in_channels=6, aspects=ASPECTS,
                             **kwargs))


def _samples(fields):
    out = []
    for values in fields:
        s = ActionDataSample().set_gt_label(0)
        for key, v in values.items():
            s.set_field(v, key)
        out.append(s)
    return out


def _logits(neck, name, x):
    lin = neck.classifiers[name][1]
    return x.flatten(2).mean(2) @ lin.weight.T + lin.bias


def test_smad_preset_defaults_and_hand_checked_losses_with_missing_labels():
    neck = _neck(preset='smad')
    by_name = {a['name']: a for a in neck.aspects}
    assert neck.normalize_by_num_aspects
    assert (by_name['scene']['soft_ce_weight'], by_name['scene']['kl_weight']) == (0.5, 0.5)
    assert by_name['obj']['loss_weight'] == pytest.approx(5.0 / 3)
    assert by_name['scene']['loss_weight'] == pytest.approx(1.0 / 3)
    assert by_name['event']['loss_weight'] == pytest.approx(1.0 / 3)

    gen = torch.Generator().manual_seed(0)
    x = torch.randn(3, 6, 1, 2, 2, generator=gen)
    p = np.array([[0.1, 0.2, 0.3, 0.4], [0.7, 0.1, 0.1, 0.1]])
    tags = np.array([[1, 0, 1.], [0, 1, 0.]])
    samples = _samples([
        dict(scene_label=p[0], obj_label=tags[0], event_label=2),
        dict(obj_label=tags[1], event_label=-1),           # scene missing, event unlabelled
        dict(scene_label=p[1], obj_label=-1, event_label=0)])  # obj unlabelled
    _, losses = neck(x, data_samples=samples)

    z = _logits(neck, 'scene', x)[[0, 2]]
    pt = torch.tensor(p, dtype=torch.float32)
    log_q = F.log_softmax(z, 1)
    ce = -(pt * log_q).sum(1).mean()
    kl = (pt * (pt.log() - log_q)).sum(1).mean()
    torch.testing.assert_close(losses['loss_scene'], (0.5 * ce + 0.5 * kl) / 3)

    zo = _logits(neck, 'obj', x)[[0, 1]]
    bce = F.binary_cross_entropy_with_logits(zo, torch.tensor(tags, dtype=torch.float32))
    torch.testing.assert_close(losses['loss_obj'], 5.0 * bce / 3)

    ze = _logits(neck, 'event', x)[[0, 2]]
    torch.testing.assert_close(losses['loss_event'],
                               F.cross_entropy(ze, torch.tensor([2, 0])) / 3)
    assert 'obj_mAP' in losses and 'scene_acc' in losses and 'event_acc' in losses


def test_sdn_preset_unchanged_and_explicit_keys_win():
    neck = _neck()
    assert not neck.normalize_by_num_aspects
    assert all(a['loss_weight'] == 1.0 for a in neck.aspects)
    assert neck.aspects[0]['kl_weight'] == 0.0
    aspects = [dict(ASPECTS[0], kl_weight=0.0), dict(ASPECTS[1], loss_weight=2.0)]
    neck = MODELS.build(dict(type='AdversarialAspectNeck', in_channels=6, aspects=aspects,
                             preset='smad', normalize_by_num_aspects=False))
    assert neck.aspects[0]['kl_weight'] == 0.0 and neck.aspects[0]['soft_ce_weight'] == 0.5
    assert neck.aspects[1]['loss_weight'] == 2.0
    with pytest.raises(ValueError, match="preset must be one of \\['sdn', 'smad'\\]"):
        _neck(preset='maat')


def test_multi_label_batch_map_hand_checked():
    from mmdebias.models.necks.adversarial_aspect_neck import _batch_mean_ap
    scores = torch.tensor([[0.9, 0.1], [0.8, 0.7], [0.1, 0.2]])
    targets = torch.tensor([[1., 0.], [0., 0.], [1., 0.]])
    # tag 0: ranks of positives 1 and 3 -> (1/1 + 2/3) / 2; tag 1 has no positive: skipped
    torch.testing.assert_close(_batch_mean_ap(scores, targets), torch.tensor(5 / 6))
    assert _batch_mean_ap(scores, torch.zeros(3, 2)) is None


def test_grl_sign_on_backbone_for_every_aspect():
    neck = _neck(preset='smad')
    x = torch.randn(4, 6, 1, 2, 2, requires_grad=True)
    samples = _samples([dict(scene_label=1, obj_label=np.array([1, 0, 0.]), event_label=1)] * 4)
    for name in ('scene', 'obj', 'event'):
        feat = x.detach().clone().requires_grad_(True)
        loss = neck(feat, data_samples=samples)[1][f'loss_{name}']
        loss.backward()
        # the same linear layer without reversal: gradient w.r.t. the features flips sign
        ref = x.detach().clone().requires_grad_(True)
        lin = neck.classifiers[name][1]
        z = ref.flatten(2).mean(2) @ lin.weight.T + lin.bias
        a = next(a for a in neck.aspects if a['name'] == name)
        if name == 'scene':
            t = torch.tensor([[0, 1., 0, 0]] * 4)
            ref_loss = a['loss_weight'] * (0.5 * -(t * F.log_softmax(z, 1)).sum(1).mean()
                                           + 0.5 * -(t * F.log_softmax(z, 1)).sum(1).mean())
        elif name == 'obj':
            ref_loss = a['loss_weight'] * F.binary_cross_entropy_with_logits(
                z, torch.tensor([[1, 0, 0.]] * 4))
        else:
            ref_loss = a['loss_weight'] * F.cross_entropy(z, torch.ones(4, dtype=torch.long))
        ref_loss.backward()
        assert ref.grad.abs().sum() > 0
        torch.testing.assert_close(feat.grad, -ref.grad)
