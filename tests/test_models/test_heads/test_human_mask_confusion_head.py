import copy

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from tests.conformance import (SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg,
                               train_test_step)

I3D = dict(type='I3DHead', num_classes=4, in_channels=8, spatial_type='avg', dropout_ratio=0.0)


def _head(**kwargs):
    return MODELS.build(dict(type='HumanMaskConfusionHead', head=I3D, **kwargs))


def _samples(labels, masked):
    out = []
    for label, flag in zip(labels, masked):
        s = ActionDataSample().set_gt_label(label)
        if flag is not None:
            s.set_field(flag, 'human_masked')
        out.append(s)
    return out


def _np_log_softmax(s):
    s = s - s.max(1, keepdims=True)
    return s - np.log(np.exp(s).sum(1, keepdims=True))


def test_paper_mode_values_hand_checked_masked_excluded_from_ce():
    torch.manual_seed(0)
    head = _head(loss_weight=0.3)
    feats = torch.randn(4, 8, 2, 3, 3)
    labels = [0, 1, 2, 3]
    losses = head.loss(feats, _samples(labels, [False, True, None, np.bool_(True)]))
    s = head(feats).detach().double().numpy()
    logp = _np_log_softmax(s)
    ce = -logp[[0, 2], [0, 2]].mean()  # unmasked samples 0 and 2 only
    neg_ent = (np.exp(logp[[1, 3]]) * logp[[1, 3]]).sum(1).mean()
    np.testing.assert_allclose(losses['loss_cls'].item(), ce, rtol=1e-5)
    np.testing.assert_allclose(losses['loss_mask_entropy'].item(), 0.3 * neg_ent, rtol=1e-5)


def test_uniform_prediction_has_entropy_log_k():
    head = _head()
    with torch.no_grad():
        head.head.fc_cls.weight.zero_()
        head.head.fc_cls.bias.zero_()
    losses = head.loss(torch.randn(2, 8, 1, 1, 1), _samples([0, 1], [True, True]))
    np.testing.assert_allclose(losses['loss_mask_entropy'].item(), -np.log(4), rtol=1e-6)


def test_batches_without_masked_or_unmasked_clips_give_connected_zero_losses():
    for mode in ('paper', 'released'):
        head = _head(mode=mode, hidden_channels=6)
        feats = torch.randn(2, 8, 1, 1, 1, requires_grad=True)
        for masked in ([False, False], [True, True]):
            losses = head.loss(feats, _samples([0, 1], masked))
            assert set(losses) >= {'loss_cls', 'loss_mask_entropy'}
            head.zero_grad()
            sum(v for k, v in losses.items() if 'loss' in k).backward()
            assert all(p.grad is not None for p in head.parameters())
            zero = 'loss_mask_entropy' if masked == [False, False] else 'loss_cls'
            assert losses[zero].item() == 0.0


def test_released_mode_reverses_the_confusion_gradient():
    torch.manual_seed(0)
    head = _head(mode='released', hidden_channels=6, alpha=0.5)
    feats = torch.randn(3, 8, 1, 2, 2, requires_grad=True)
    losses = head.loss(feats, _samples([0, 1, 2], [True, True, True]))
    losses['loss_mask_entropy'].backward()
    assert head.head.fc_cls.weight.grad is None or head.head.fc_cls.weight.grad.abs().sum() == 0
    # gradient w.r.t. the features = -alpha x that of the same classifier without GRL
    plain = copy.deepcopy(head.confusion[1:])
    f2 = feats.detach().clone().requires_grad_(True)
    from mmdebias.models.losses import negative_entropy
    negative_entropy(plain(f2.flatten(2).mean(2))).backward()
    torch.testing.assert_close(feats.grad, -0.5 * f2.grad)


def test_state_dict_keys_are_stock_and_stock_checkpoints_load():
    head = _head(mode='released', hidden_channels=6)
    keys = set(head.state_dict())
    assert {'fc_cls.weight', 'fc_cls.bias'} <= keys
    assert any(k.startswith('confusion.') for k in keys)
    stock = MODELS.build(I3D)
    missing, unexpected = head.load_state_dict(stock.state_dict(), strict=False)
    assert not unexpected and all(k.startswith('confusion.') for k in missing)
    torch.testing.assert_close(head.head.fc_cls.weight, stock.fc_cls.weight)
    head.load_state_dict(head.state_dict())  # round trip, strict


def test_bad_flag_and_config_errors():
    head = _head()
    with pytest.raises(ValueError, match="human_masked='yes'"):
        head.loss(torch.randn(2, 8, 1, 1, 1), _samples([0, 1], ['yes', False]))
    with pytest.raises(ValueError, match='mode'):
        _head(mode='alternate')
    with pytest.raises(TypeError, match='config dict'):
        MODELS.build(dict(type='HumanMaskConfusionHead', head='I3DHead'))


@pytest.mark.parametrize('base,shape,mode', [(TSN_R18, (3, 3, 16, 16), 'released'),
                                             (SLOWONLY_R18, (1, 3, 4, 16, 16), 'paper')],
                         ids=['tsn-released', 'slowonly-paper'])
def test_conformance_and_predictions_unchanged(base, shape, mode):
    cfg = recognizer_cfg(base, cls_head=dict(type='HumanMaskConfusionHead',
                                             head=base['cls_head'], mode=mode,
                                             hidden_channels=8))
    model, log_vars, preds = train_test_step(
        cfg, expected_losses=('loss_cls', 'loss_mask_entropy'), sample_shape=shape,
        extra_fields={'human_masked': [True, False]})
    plain = MODELS.build(recognizer_cfg(base))
    plain.load_state_dict({k: v for k, v in model.state_dict().items()
                           if 'confusion' not in k})
    plain.eval()
    with torch.no_grad():
        ref = plain.test_step(make_batch(2, shape, 4, seed=1))
    for a, b in zip(preds, ref):
        torch.testing.assert_close(a.pred_score, b.pred_score)


def test_paired_views_original_gets_ce_masked_copy_gets_entropy():
    torch.manual_seed(0)
    head = _head(loss_weight=0.5)
    feats = torch.randn(6, 8, 1, 2, 2)  # 3 samples x (original, masked copy)
    samples = _samples([0, 1, 2], [True, False, True])
    for s in samples:
        s.set_field(True, 'human_mask_paired')
    losses = head.loss(feats, samples)
    s = head(feats).detach().double().numpy().reshape(3, 2, 4)
    logp0, logp1 = _np_log_softmax(s[:, 0]), _np_log_softmax(s[:, 1])
    ce = -logp0[[0, 1, 2], [0, 1, 2]].mean()  # every original, masked or not
    neg_ent = (np.exp(logp1[[0, 2]]) * logp1[[0, 2]]).sum(1).mean()  # masked copies only
    np.testing.assert_allclose(losses['loss_cls'].item(), ce, rtol=1e-5)
    np.testing.assert_allclose(losses['loss_mask_entropy'].item(), 0.5 * neg_ent, rtol=1e-5)
    samples[1].set_field(False, 'human_mask_paired')
    with pytest.raises(ValueError, match="mode='pair'"):
        head.loss(feats, samples)


PAIRED = {'human_mask_paired': [True, True], 'human_masked': [True, False]}


@pytest.mark.parametrize('base,shape', [(TSN_R18, (6, 3, 16, 16)),
                                        (SLOWONLY_R18, (2, 3, 4, 16, 16))],
                         ids=['tsn', 'slowonly'])
def test_conformance_paired_views(base, shape):
    cfg = recognizer_cfg(base, cls_head=dict(type='HumanMaskConfusionHead',
                                             head=base['cls_head'], mode='released',
                                             hidden_channels=8))
    train_test_step(cfg, expected_losses=('loss_cls', 'loss_mask_entropy'),
                    sample_shape=shape, extra_fields=PAIRED)
