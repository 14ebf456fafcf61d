import copy

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from tests.conformance import (SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg,
                               train_test_step)

SCENE = dict(name='scene', num_classes=5)


def _neck(in_channels=8, **aspect):
    return MODELS.build(dict(type='AdversarialAspectNeck', in_channels=in_channels,
                             aspects=[dict(SCENE, **aspect)]))


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
    p = torch.rand(k, generator=gen, dtype=torch.float64) + 0.01
    return (p / p.sum()).numpy()


def test_soft_cross_entropy_hand_checked_and_unlabelled_excluded():
    gen = torch.Generator().manual_seed(0)
    neck = _neck(num_hidden_layers=0)  # GRL -> Linear: logits = W g + b
    x = torch.randn(4, 8, 2, 3, 3, generator=gen)
    p0, p2 = _probs(gen), _probs(gen)
    samples = _samples([p0, None, p2, -1])  # 1: no field, 3: explicit unlabelled marker
    out, losses = neck(x, data_samples=samples)
    assert out is x  # features unchanged
    lin = neck.classifiers['scene'][1]
    logits = x.mean(dim=(2, 3, 4)) @ lin.weight.T + lin.bias
    expected = -(torch.tensor(np.stack([p0, p2]), dtype=torch.float32)
                 * F.log_softmax(logits[[0, 2]], dim=1)).sum(1).mean()
    torch.testing.assert_close(losses['loss_scene'], expected)
    acc = (logits[[0, 2]].argmax(1) == torch.tensor([p0.argmax(), p2.argmax()])).float().mean()
    assert losses['scene_acc'] == acc
    assert not any('loss' in k for k in losses if k.endswith('_acc'))


def test_int_label_is_one_hot_and_single_with_soft_to_hard():
    gen = torch.Generator().manual_seed(1)
    x = torch.randn(3, 8, 1, 2, 2, generator=gen)
    p = _probs(gen)
    soft = _neck(num_hidden_layers=0)
    hard = _neck(num_hidden_layers=0, label_type='single', soft_to_hard=True)
    hard.load_state_dict(soft.state_dict())
    _, ls = soft(x, data_samples=_samples([2, p, 4]))
    _, lh = hard(x, data_samples=_samples([2, p, 4]))
    lin = soft.classifiers['scene'][1]
    logits = x.mean(dim=(2, 3, 4)) @ lin.weight.T + lin.bias
    target = torch.tensor([2, int(p.argmax()), 4])
    torch.testing.assert_close(lh['loss_scene'], F.cross_entropy(logits, target))
    onehot_ce = -(F.one_hot(torch.tensor([2, 4]), 5) * F.log_softmax(logits[[0, 2]], 1)).sum(1)
    soft_ce = -(torch.tensor(p, dtype=torch.float32) * F.log_softmax(logits[1], 0)).sum()
    torch.testing.assert_close(ls['loss_scene'], (onehot_ce.sum() + soft_ce) / 3)
    with pytest.raises(ValueError, match='soft_to_hard=True'):
        _neck(label_type='single')(x, data_samples=_samples([p, p, p]))


def test_kl_temperature_and_multi_label():
    gen = torch.Generator().manual_seed(2)
    x = torch.randn(2, 8, generator=gen)[:, :, None, None, None]
    p = torch.tensor(np.stack([_probs(gen), _probs(gen)]), dtype=torch.float32)
    neck = _neck(num_hidden_layers=0, soft_ce_weight=0.5, kl_weight=0.5, temperature=2.0,
                 loss_weight=3.0)
    _, losses = neck(x, data_samples=_samples(list(p.numpy())))
    lin = neck.classifiers['scene'][1]
    z = x.flatten(1) @ lin.weight.T + lin.bias
    pt = p**0.5 / (p**0.5).sum(1, keepdim=True)
    log_q = F.log_softmax(z / 2, 1)
    ce = -(pt * log_q).sum(1).mean()
    kl = (pt * (pt.log() - log_q)).sum(1).mean()
    torch.testing.assert_close(losses['loss_scene'], 3.0 * 4 * (0.5 * ce + 0.5 * kl))

    multi = _neck(num_hidden_layers=0, label_type='multi')
    tags = [np.array([1, 0, 1, 0, 0.]), np.array([0, 0, 0, 1, 0.])]
    _, lm = multi(x, data_samples=_samples(tags))
    lin = multi.classifiers['scene'][1]
    z = x.flatten(1) @ lin.weight.T + lin.bias
    torch.testing.assert_close(lm['loss_scene'], F.binary_cross_entropy_with_logits(
        z, torch.tensor(np.stack(tags), dtype=torch.float32)))


def test_gradient_into_features_is_reversed_and_scaled_by_alpha():
    gen = torch.Generator().manual_seed(3)
    x = torch.randn(4, 8, 1, 2, 2, generator=gen)
    labels = [_probs(gen) for _ in range(4)]
    target = torch.tensor(np.stack(labels), dtype=torch.float32)
    state = _neck().state_dict()
    for alpha in (1.0, 0.5):
        neck = _neck(alpha=alpha)
        neck.load_state_dict(state)
        feat = x.clone().requires_grad_(True)
        neck(feat, data_samples=_samples(labels))[1]['loss_scene'].backward()
        # the same MLP without the reversal layer
        plain = copy.deepcopy(neck.classifiers['scene'][1:])
        ref = x.clone().requires_grad_(True)
        z = plain(ref.flatten(2).mean(2))
        (-(target * F.log_softmax(z, 1)).sum(1).mean()).backward()
        assert ref.grad.abs().sum() > 0
        torch.testing.assert_close(feat.grad, -alpha * ref.grad)


def test_no_labels_gives_zero_loss_touching_all_parameters():
    neck = _neck()
    x = torch.randn(3, 8, 1, 2, 2, requires_grad=True)
    _, losses = neck(x, data_samples=_samples([None, -1, None]))
    assert losses['loss_scene'].item() == 0.0 and 'scene_acc' not in losses
    losses['loss_scene'].backward()
    assert all(p.grad is not None for p in neck.parameters())
    assert x.grad is not None


def test_human_masked_samples_excluded():
    gen = torch.Generator().manual_seed(4)
    neck = _neck(num_hidden_layers=0)
    x = torch.randn(3, 8, 1, 1, 1, generator=gen)
    labels = [_probs(gen) for _ in range(3)]
    _, with_flag = neck(x, data_samples=_samples(labels, human_masked=[False, True, False]))
    _, subset = neck(x[[0, 2]], data_samples=_samples([labels[0], labels[2]]))
    torch.testing.assert_close(with_flag['loss_scene'], subset['loss_scene'])


def test_bad_labels_and_configs_raise_clear_errors():
    x = torch.randn(2, 8, 1, 1, 1)
    bad = np.full(5, np.nan)
    with pytest.raises(ValueError, match="non-finite label.*'scene_label'"):
        _neck()(x, data_samples=_samples([bad, 1]))
    with pytest.raises(ValueError, match='out of range'):
        _neck()(x, data_samples=_samples([7, 1]))
    with pytest.raises(ValueError, match='vector of length 5'):
        _neck()(x, data_samples=_samples([np.ones(3), 1]))
    with pytest.raises(ValueError, match='in_channels=8'):
        _neck()(torch.randn(2, 4, 1, 1, 1), data_samples=_samples([1, 1]))
    with pytest.raises(ValueError, match='unknown keys'):
        _neck(hiden_channels=3)
    with pytest.raises(ValueError, match="without 'loss'"):
        _neck(name='loss_scene')
    with pytest.raises(ValueError, match='label_type'):
        _neck(label_type='hard')


def test_batch_of_one_trains_without_batchnorm_error():
    neck = _neck()
    neck.train()
    _, losses = neck(torch.randn(1, 8, 1, 1, 1), data_samples=_samples([3]))
    assert torch.isfinite(losses['loss_scene'])
    assert all(m.training for m in neck.modules())


NECK3D = dict(type='AdversarialAspectNeck', in_channels=512,
              aspects=[dict(name='scene', num_classes=6, hidden_channels=16)])


def _scene_fields(n=2, k=6):
    gen = torch.Generator().manual_seed(5)
    return {'scene_label': [_probs(gen, k) for _ in range(n)]}


def test_conformance_slowonly_with_scene_neck():
    model, log_vars, _ = train_test_step(
        recognizer_cfg(SLOWONLY_R18, neck=NECK3D), expected_losses=('loss_cls', 'loss_scene',
                                                                     'scene_acc'),
        sample_shape=(1, 3, 4, 16, 16), extra_fields=_scene_fields())
    assert any(k.startswith('neck.classifiers.scene') for k in model.state_dict())


def test_conformance_tsn_needs_two_stage_output_and_keeps_predictions():
    cfg = recognizer_cfg(TSN_R18, neck=NECK3D)
    with pytest.raises(ValueError, match=r'out_indices.*\(2, 3\)'):
        MODELS.build(cfg)
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


def test_paired_views_use_the_original_view_and_keep_one_output_per_view():
    gen = torch.Generator().manual_seed(6)
    neck = _neck(num_hidden_layers=0)
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


def test_conformance_tsn_paired_views_with_scene_neck_and_confusion_head():
    cfg = recognizer_cfg(TSN_R18, neck=NECK3D, cls_head=dict(
        type='HumanMaskConfusionHead', head=TSN_R18['cls_head']))
    cfg['backbone']['out_indices'] = (2, 3)
    fields = dict(_scene_fields(), human_mask_paired=[True, True], human_masked=[True, False])
    train_test_step(cfg, expected_losses=('loss_cls', 'loss_scene', 'loss_mask_entropy'),
                    sample_shape=(6, 3, 16, 16), extra_fields=fields)
