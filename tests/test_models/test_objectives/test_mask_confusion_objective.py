"""MaskConfusionObjective: SDN's human-mask confusion loss as a DebiasHead objective."""
import copy

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from mmdebias.models.losses import negative_entropy
from tests.conformance import (SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg,
                               train_test_step)

I3D = dict(type='I3DHead', num_classes=4, in_channels=8, spatial_type='avg', dropout_ratio=0.0)


def _head(**kwargs):
    return MODELS.build(dict(type='DebiasHead', head=I3D, objectives=[
        dict(type='MaskConfusionObjective', **kwargs)]))


def _samples(labels, masked, paired=False):
    out = []
    for label, flag in zip(labels, masked):
        s = ActionDataSample().set_gt_label(label)
        if flag is not None:
            s.set_field(flag, 'human_masked')
        if paired:
            s.set_field(True, 'human_mask_paired')
        out.append(s)
    return out


def _np_log_softmax(s):
    s = s - s.max(1, keepdims=True)
    return s - np.log(np.exp(s).sum(1, keepdims=True))


def test_paper_mode_hand_computed_on_a_tiny_case():
    """Two classes, logits set by hand: the masked clip's CE is left out, its entropy is
    the confusion loss."""
    head = MODELS.build(dict(type='DebiasHead', head=dict(I3D, num_classes=2, in_channels=2),
                             objectives=[dict(type='MaskConfusionObjective', loss_weight=0.5)]))
    with torch.no_grad():
        head.head.fc_cls.weight.copy_(torch.eye(2))
        head.head.fc_cls.bias.zero_()
    # pooled features = logits: sample 0 (label 0) [2, 0]; sample 1 (masked) [0, 0]
    feats = torch.tensor([[2.0, 0.0], [0.0, 0.0]])[:, :, None, None, None]
    losses = head.loss(feats, _samples([0, 1], [False, True]))
    np.testing.assert_allclose(losses['loss_cls'].item(), np.log(1 + np.exp(-2.0)), rtol=1e-6)
    # uniform prediction on the masked clip: sum p log p = -log 2, times w = 0.5
    np.testing.assert_allclose(losses['loss_mask_entropy'].item(), -0.5 * np.log(2), rtol=1e-6)


def test_paper_mode_values_and_masked_samples_left_out_of_the_action_ce():
    torch.manual_seed(0)
    head = _head(loss_weight=0.3)
    feats = torch.randn(4, 8, 2, 3, 3)
    losses = head.loss(feats, _samples([0, 1, 2, 3], [False, True, None, np.bool_(True)]))
    logp = _np_log_softmax(head(feats).detach().double().numpy())
    ce = -logp[[0, 2], [0, 2]].mean()  # unmasked samples 0 and 2 only
    neg_ent = (np.exp(logp[[1, 3]]) * logp[[1, 3]]).sum(1).mean()
    np.testing.assert_allclose(losses['loss_cls'].item(), ce, rtol=1e-5)
    np.testing.assert_allclose(losses['loss_mask_entropy'].item(), 0.3 * neg_ent, rtol=1e-5)


def test_released_mode_classifier_and_reversed_gradient():
    torch.manual_seed(0)
    head = _head(mode='released', hidden_channels=6, grl_lambda=0.5)
    confusion = head.objectives[0].confusion
    assert confusion[1].in_features == 8 and confusion[-1].out_features == 4  # filled in
    feats = torch.randn(3, 8, 1, 2, 2, requires_grad=True)
    losses = head.loss(feats, _samples([0, 1, 2], [True, True, False]))
    plain = copy.deepcopy(confusion[1:])  # the same classifier without the reversal
    ref_feats = feats.detach().clone().requires_grad_(True)
    ref = negative_entropy(plain(ref_feats.flatten(2).mean(2))[:2])
    torch.testing.assert_close(losses['loss_mask_entropy'], ref)
    losses['loss_mask_entropy'].backward()
    ref.backward()
    assert head.head.fc_cls.weight.grad is None  # the action classifier is not involved
    torch.testing.assert_close(feats.grad, -0.5 * ref_feats.grad)


def test_paired_views_original_gets_ce_masked_copy_gets_entropy():
    torch.manual_seed(0)
    head = _head(loss_weight=0.5)
    feats = torch.randn(6, 8, 1, 2, 2)  # 3 samples x (original, masked copy)
    samples = _samples([0, 1, 2], [True, False, True], paired=True)
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


@pytest.mark.parametrize('mode', ['paper', 'released'])
def test_batches_without_masked_or_unmasked_clips_give_connected_zero_losses(mode):
    head = _head(mode=mode, hidden_channels=6)
    feats = torch.randn(2, 8, 1, 1, 1, requires_grad=True)
    for masked in ([False, False], [True, True]):
        losses = head.loss(feats, _samples([0, 1], masked))
        head.zero_grad()
        sum(v for k, v in losses.items() if 'loss' in k).backward()
        assert all(p.grad is not None for p in head.parameters())
        zero = 'loss_mask_entropy' if masked == [False, False] else 'loss_cls'
        assert losses[zero].item() == 0.0


@pytest.mark.parametrize('mode,paired', [('paper', False), ('released', False),
                                         ('paper', True), ('released', True)])
def test_equals_the_human_mask_confusion_head(mode, paired):
    """Same seed, same batch: the objective in a DebiasHead and HumanMaskConfusionHead give
    the same losses and gradients."""
    kwargs = dict(mode=mode, loss_weight=0.7, hidden_channels=6, grl_lambda=0.5)
    torch.manual_seed(0)
    old = MODELS.build(dict(type='HumanMaskConfusionHead', head=I3D, **kwargs))
    torch.manual_seed(0)
    new = _head(**kwargs)
    new.load_state_dict({('objectives.0.' + k if k.startswith('confusion.') else k): v
                         for k, v in old.state_dict().items()})
    rows = 6 if paired else 3
    feats = torch.randn(rows, 8, 1, 2, 2, generator=torch.Generator().manual_seed(1))
    grads = []
    for head in (old, new):
        samples = _samples([0, 1, 2], [True, False, True], paired=paired)
        x = feats.clone().requires_grad_(True)
        losses = head.loss(x, samples)
        sum(v for k, v in losses.items() if 'loss' in k).backward()
        grads.append((losses, x.grad))
    (a, ga), (b, gb) = grads
    assert set(a) == set(b)
    for key in a:
        assert torch.equal(a[key], b[key]), key
    assert torch.equal(ga, gb)


@pytest.mark.parametrize('base,shape,mode', [(TSN_R18, (3, 3, 32, 32), 'released'),
                                             (SLOWONLY_R18, (1, 3, 4, 16, 16), 'paper')],
                         ids=['tsn-released', 'slowonly-paper'])
def test_composes_with_albar_in_debias_recognizers(base, shape, mode):
    cfg = recognizer_cfg(
        base, type='Debias' + base['type'],
        data_preprocessor=dict(base['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='DebiasHead', head=base['cls_head'], objectives=[
            dict(type='ALBARObjective', loss_gp_weight=0.0),
            dict(type='MaskConfusionObjective', mode=mode, hidden_channels=8)]))
    model, log_vars, preds = train_test_step(
        cfg, sample_shape=shape, extra_fields={'human_masked': [True, False]},
        expected_losses=('loss_cls', 'loss_static_ce', 'loss_static_entropy',
                         'loss_mask_entropy'))
    plain = MODELS.build(recognizer_cfg(base))
    plain.load_state_dict({k: v for k, v in model.state_dict().items()
                           if 'objectives' not in k})
    plain.eval()
    with torch.no_grad():
        ref = plain.test_step(make_batch(2, shape, 4, seed=1))
    for a, b in zip(preds, ref):  # test-time predictions are the stock head's
        torch.testing.assert_close(a.pred_score, b.pred_score)


@pytest.mark.parametrize('base,shape', [(TSN_R18, (6, 3, 32, 32)),
                                        (SLOWONLY_R18, (2, 3, 4, 16, 16))],
                         ids=['tsn', 'slowonly'])
def test_albar_mask_confusion_and_scene_adversary_on_paired_views(base, shape):
    """SDN's two views per sample (HumanMask(mode='pair')) with ALBAR: the static pass uses
    the original view's static clip, the confusion loss the masked view, the scene adversary
    the original view."""
    cfg = recognizer_cfg(
        base, type='Debias' + base['type'],
        data_preprocessor=dict(base['data_preprocessor'], type='StaticClipSampler'),
        neck=dict(type='AdversarialAspectNeck', in_channels=512, adversaries=[
            dict(type='AspectAdversary', name='scene', num_classes=3, hidden_channels=8)]),
        cls_head=dict(type='DebiasHead', head=base['cls_head'], objectives=[
            dict(type='ALBARObjective'), dict(type='MaskConfusionObjective')]))
    if base is TSN_R18:
        cfg['backbone']['out_indices'] = (2, 3)
    fields = dict(human_mask_paired=[True, True], human_masked=[True, False],
                  scene_label=list(np.eye(3, dtype=np.float32)[:2]))
    model = MODELS.build(cfg)
    data = model.data_preprocessor(make_batch(2, shape, 4, extra_fields=fields), True)
    head_inputs = []
    model.cls_head.head.register_forward_pre_hook(
        lambda m, args: head_inputs.append(args[0].shape[0]))
    losses = model(**data, mode='loss')  # (the penalty is on by default)
    assert head_inputs == [4, 2]  # motion pass: 2 samples x 2 views; static: original views
    assert {'loss_cls', 'loss_static_ce', 'loss_static_gp', 'loss_mask_entropy',
            'loss_scene'} <= set(losses)
    assert all(torch.isfinite(v).all() for v in losses.values())
    train_test_step(cfg, sample_shape=shape, extra_fields=fields,
                    expected_losses=('loss_cls', 'loss_static_ce', 'loss_mask_entropy',
                                     'loss_scene'), lr=1e-6)  # (GP ~ 1e3 at init)


def test_bad_flag_and_config_errors():
    head = _head()
    with pytest.raises(ValueError, match="human_masked='yes'"):
        head.loss(torch.randn(2, 8, 1, 1, 1), _samples([0, 1], ['yes', False]))
    with pytest.raises(ValueError, match='mode'):
        _head(mode='alternate')
    with pytest.raises(ValueError, match='loss_weight'):
        _head(loss_weight=float('nan'))
    with pytest.raises(ValueError, match='in_channels'):
        MODELS.build(dict(type='MaskConfusionObjective', num_classes=4, mode='released'))


@pytest.mark.parametrize('form', ['MaskConfusionObjective', 'HumanMaskConfusionHead'])
def test_deprecated_alpha_keyword_builds_the_same_model(form):
    """alpha= (the former name of grl_lambda) gives the same parameters, losses and
    gradients, with a FutureWarning naming grl_lambda."""

    def build(**grl):
        kwargs = dict(mode='released', loss_weight=0.7, hidden_channels=6, **grl)
        torch.manual_seed(0)
        if form == 'HumanMaskConfusionHead':
            return MODELS.build(dict(type=form, head=I3D, **kwargs))
        return _head(**kwargs)

    with pytest.warns(FutureWarning, match=f'{form}: alpha= is deprecated.*grl_lambda=0.5'):
        old = build(alpha=0.5)
    new = build(grl_lambda=0.5)
    assert repr(old) == repr(new) and 'grl_lambda=0.5' in repr(new)
    feats = torch.randn(3, 8, 1, 2, 2, generator=torch.Generator().manual_seed(1))
    runs = []
    for head in (old, new):
        x = feats.clone().requires_grad_(True)
        losses = head.loss(x, _samples([0, 1, 2], [True, False, True]))
        sum(v for k, v in losses.items() if 'loss' in k).backward()
        runs.append((head.state_dict(), losses, x.grad))
    (sa, la, ga), (sb, lb, gb) = runs
    assert all(torch.equal(sa[k], sb[k]) for k in sb)
    assert la.keys() == lb.keys() and all(torch.equal(la[k], lb[k]) for k in la)
    assert torch.equal(ga, gb)
