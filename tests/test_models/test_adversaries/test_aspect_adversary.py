"""AspectAdversary / MultiLabelAspectAdversary: GRL + MLP + configured losses, one aspect."""
import contextlib
import copy

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from mmdebias.models.adversaries import batch_mean_ap


def _adversary(type='AspectAdversary', **kwargs):
    cfg = dict(type=type, name='scene', num_classes=4, in_channels=6, num_hidden_layers=0)
    cfg.update(kwargs)
    return MODELS.build(cfg)


def _samples(labels, key='scene_label'):
    out = []
    for i, label in enumerate(labels):
        s = ActionDataSample().set_gt_label(0)
        s.set_metainfo(dict(filename=f'clip{i}.mp4'))
        if label is not None:
            s.set_field(label, key)
        out.append(s)
    return out


def _logits(adversary, pooled):
    lin = adversary.classifier[1]  # GRL -> Linear
    return pooled @ lin.weight.T + lin.bias


def _probs(gen, k=4):
    p = torch.rand(k, generator=gen) + 0.01
    return (p / p.sum()).numpy()


def test_soft_cross_entropy_hand_checked_unlabelled_left_out():
    gen = torch.Generator().manual_seed(0)
    adversary = _adversary(loss_weight=2.0)
    pooled = torch.randn(4, 6, generator=gen)
    p0, p2 = _probs(gen), _probs(gen)
    losses = adversary.loss(pooled, _samples([p0, None, p2, -1]))
    z = _logits(adversary, pooled)[[0, 2]]
    y = torch.tensor(np.stack([p0, p2]))
    torch.testing.assert_close(losses['loss_scene'],
                               2.0 * -(y * F.log_softmax(z, 1)).sum(1).mean())
    acc = (z.argmax(1) == y.argmax(1)).float().mean()
    assert losses['scene_acc'] == acc


def test_hard_labels_cross_entropy_on_the_class_index():
    gen = torch.Generator().manual_seed(1)
    adversary = _adversary(hard_labels=True)
    pooled = torch.randn(3, 6, generator=gen)
    onehot = np.eye(4, dtype=np.float32)
    p = _probs(gen)
    losses = adversary.loss(pooled, _samples([onehot[2], p, onehot[0]]))
    target = torch.tensor([2, int(p.argmax()), 0])
    torch.testing.assert_close(losses['loss_scene'],
                               F.cross_entropy(_logits(adversary, pooled), target))


def test_several_losses_are_summed_with_their_weights():
    """SMAD's soft aspect: 0.5 soft CE + 0.5 KL."""
    gen = torch.Generator().manual_seed(2)
    adversary = _adversary(loss=[dict(type='CrossEntropyLoss', loss_weight=0.5),
                                 dict(type='KLDivergenceLoss', loss_weight=0.5)])
    pooled = torch.randn(2, 6, generator=gen)
    y = np.stack([_probs(gen), _probs(gen)])
    losses = adversary.loss(pooled, _samples(list(y)))
    log_q = F.log_softmax(_logits(adversary, pooled), 1)
    y = torch.tensor(y)
    ce = -(y * log_q).sum(1).mean()
    kl = (y * (y.log() - log_q)).sum(1).mean()
    torch.testing.assert_close(losses['loss_scene'], 0.5 * ce + 0.5 * kl)


def test_multi_label_bce_accuracy_and_batch_map():
    gen = torch.Generator().manual_seed(3)
    adversary = _adversary('MultiLabelAspectAdversary', name='obj', num_classes=3)
    pooled = torch.randn(3, 6, generator=gen)
    tags = np.array([[1, 0, 1], [0, 0, 0], [0, 1, 0]], np.float32)  # no tag is a label too
    losses = adversary.loss(pooled, _samples(list(tags), key='obj_label'))
    z = _logits(adversary, pooled)
    y = torch.tensor(tags)
    torch.testing.assert_close(losses['loss_obj'], F.binary_cross_entropy_with_logits(z, y))
    hit = y.gather(1, z.argmax(1, keepdim=True)).squeeze(1) > 0.5
    assert losses['obj_acc'] == hit.float().mean()
    torch.testing.assert_close(losses['obj_mAP'], batch_mean_ap(z, y))


def test_batch_map_hand_checked():
    scores = torch.tensor([[0.9, 0.1], [0.8, 0.7], [0.1, 0.2]])
    targets = torch.tensor([[1., 0.], [0., 0.], [1., 0.]])
    # tag 0: ranks of positives 1 and 3 -> (1/1 + 2/3) / 2; tag 1 has no positive: skipped
    torch.testing.assert_close(batch_mean_ap(scores, targets), torch.tensor(5 / 6))
    assert batch_mean_ap(scores, torch.zeros(3, 2)) is None


@pytest.mark.parametrize('grl_lambda', [1.0, 0.5])
def test_gradient_into_the_features_is_reversed_and_scaled_by_grl_lambda(grl_lambda):
    gen = torch.Generator().manual_seed(4)
    adversary = _adversary(num_hidden_layers=2, hidden_channels=5, grl_lambda=grl_lambda)
    labels = [_probs(gen) for _ in range(4)]
    pooled = torch.randn(4, 6, generator=gen, requires_grad=True)
    adversary.loss(pooled, _samples(labels))['loss_scene'].backward()
    plain = copy.deepcopy(adversary.classifier[1:])  # the same MLP without the reversal
    ref = pooled.detach().clone().requires_grad_(True)
    y = torch.tensor(np.stack(labels))
    (-(y * F.log_softmax(plain(ref), 1)).sum(1).mean()).backward()
    assert ref.grad.abs().sum() > 0
    torch.testing.assert_close(pooled.grad, -grl_lambda * ref.grad)


def test_no_labelled_clip_gives_a_zero_loss_touching_every_parameter():
    adversary = _adversary(num_hidden_layers=1, hidden_channels=5)
    pooled = torch.randn(3, 6, requires_grad=True)
    losses = adversary.loss(pooled, _samples([None, -1, np.eye(4)[1]]),
                            keep=torch.tensor([True, True, False]))
    assert losses == {'loss_scene': losses['loss_scene']} and losses['loss_scene'] == 0
    losses['loss_scene'].backward()
    assert all(p.grad is not None for p in adversary.parameters()) and pooled.grad is not None


def test_one_labelled_clip_trains_without_a_batchnorm_error():
    adversary = _adversary(num_hidden_layers=1, hidden_channels=5)
    adversary.train()
    losses = adversary.loss(torch.randn(1, 6), _samples([np.eye(4)[3]]))
    assert torch.isfinite(losses['loss_scene'])
    assert all(m.training for m in adversary.modules())


@pytest.mark.parametrize('label,match', [
    (3, r'shape \(\).*length 4.*label_format=.top1'),
    (np.ones(5) / 5, r'shape \(5,\).*length 4'),
    (np.array([np.nan, 0, 0, 1]), 'non-finite, negative or all-zero'),
    (np.array([-0.5, 0.5, 0.5, 0.5]), 'non-finite, negative or all-zero'),
    (np.zeros(4), 'non-finite, negative or all-zero'),
])
def test_bad_labels_name_the_sample_and_the_fix(label, match):
    with pytest.raises(ValueError, match=match) as error:
        _adversary().loss(torch.randn(2, 6), _samples([np.eye(4)[0], label]))
    assert 'clip1.mp4' in str(error.value)


def test_bad_configs():
    with pytest.raises(ValueError, match="without 'loss'"):
        _adversary(name='loss_scene')
    with pytest.raises(ValueError, match='num_classes'):
        _adversary(num_classes=1)
    with pytest.raises(ValueError, match='loss_weight'):
        _adversary(loss_weight=float('inf'))
    with pytest.raises(TypeError, match='config dict'):
        _adversary(loss=[])
    with pytest.raises(ValueError, match='hard_labels'):
        _adversary('MultiLabelAspectAdversary', hard_labels=True)


@pytest.mark.parametrize('kind,labels', [
    ('AspectAdversary', [np.full(4, 0.25, np.float32), np.eye(4, dtype=np.float32)[1]]),
    ('MultiLabelAspectAdversary', [np.array([1, 0, 1, 0], np.float32),
                                   np.array([0, 1, 0, 0], np.float32)])])
def test_deprecated_alpha_keyword_builds_the_same_adversary(kind, labels):
    runs = []
    for key in ('alpha', 'grl_lambda'):
        torch.manual_seed(7)
        with pytest.warns(FutureWarning, match=f"{kind} 'scene': alpha= is deprecated") \
                if key == 'alpha' else contextlib.nullcontext():
            adversary = _adversary(kind, num_hidden_layers=1, hidden_channels=5,
                                   **{key: 0.5})
        pooled = torch.randn(2, 6, generator=torch.Generator().manual_seed(8),
                             requires_grad=True)
        loss = adversary.loss(pooled, _samples(labels))['loss_scene']
        loss.backward()
        runs.append((repr(adversary), adversary.state_dict(), loss.detach(), pooled.grad))
    (repr_old, state_old, loss_old, grad_old), (repr_new, state_new, loss_new, grad_new) = runs
    assert repr_old == repr_new and 'grl_lambda=0.5' in repr_new
    assert all(torch.equal(state_old[k], state_new[k]) for k in state_new)
    assert torch.equal(loss_old, loss_new) and torch.equal(grad_old, grad_new)
