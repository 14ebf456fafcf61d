import copy

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS

from mmdebias.models.objectives import DebiasContext

from tests.conformance import (SLOWONLY_R18, TSN_R18, debias_type, make_batch, recognizer_cfg,
                               train_test_step)


def albar_cfg(base, **head_kwargs):
    return recognizer_cfg(
        base, type=debias_type(base),
        data_preprocessor=dict(base['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='ALBARHead', head=base['cls_head'], **head_kwargs))


def _np_log_softmax(s):
    s = s - s.max(1, keepdims=True)
    return s - np.log(np.exp(s).sum(1, keepdims=True))


@pytest.mark.parametrize('base', [TSN_R18, SLOWONLY_R18], ids=['tsn', 'slowonly'])
def test_albar_on_debias_recognizers_trains_with_the_paper_penalty_without_a_hook(base):
    model, log_vars, _ = train_test_step(
        albar_cfg(base), expected_losses=('loss_cls', 'loss_static_ce', 'loss_static_entropy',
                                          'loss_static_gp'),
        # the penalty is ~1e3 at a random init and its weight gradients ~1e9 on TSN-R18 at
        # 32x32: unclipped, even lr 1e-6 blew conv1 up (NaN test scores for 13 of 30 seeds);
        # MMAction2's configs clip at max_norm 40
        clip_grad=dict(max_norm=40))
    assert type(model).__name__ == 'Debias' + base['type']
    assert 'static_top1_acc' in log_vars and log_vars['loss_static_gp'] > 0
    objective = model.cls_head.objectives[0]
    assert (objective.loss_gp_weight, objective.gp_mode, objective.gp_weight) == (
        10.0, 'released', 10.0)
    # switched off explicitly: no penalty term
    _, log_vars, _ = train_test_step(albar_cfg(base, loss_gp_weight=0.0))
    assert 'loss_static_gp' not in log_vars and 'loss_static_ce' in log_vars


@pytest.mark.parametrize('base', [TSN_R18, SLOWONLY_R18], ids=['tsn', 'slowonly'])
def test_albar_in_a_stock_recognizer_names_the_debias_recognizer(base):
    model = MODELS.build(recognizer_cfg(albar_cfg(base), type=base['type']))
    data = model.data_preprocessor(make_batch(2, (3, 3, 16, 16) if base is TSN_R18 else
                                              (1, 3, 4, 16, 16), 4), training=True)
    with pytest.raises(RuntimeError, match=f"'Debias{base['type']}'"):
        model.loss(data['inputs'], data['data_samples'])


@pytest.mark.parametrize('base', [TSN_R18, SLOWONLY_R18], ids=['tsn', 'slowonly'])
def test_loss_values_match_hand_computation(base):
    torch.manual_seed(0)
    model = MODELS.build(albar_cfg(base, loss_static_weight=0.7, loss_entropy_weight=4.25,
                                   loss_gp_weight=0.0))  # (the penalty needs gradients)
    model.init_weights()
    model.eval()  # BN uses running stats: both passes are plain functions of their input
    shape = (3, 3, 32, 32) if base is TSN_R18 else (1, 3, 4, 32, 32)
    data = model.data_preprocessor(make_batch(3, shape, 4), training=True)
    inputs, samples = data['inputs'], data['data_samples']
    static = torch.stack([s.static_inputs for s in samples])
    with torch.no_grad():
        losses = model.loss(inputs, samples)
        motion_scores = model.extract_feat(inputs, stage='head')[0].double().numpy()
        static_scores = model.extract_feat(static, stage='head')[0].double().numpy()
    labels = np.array([s.gt_label.item() for s in samples])
    ce = lambda s: -_np_log_softmax(s)[np.arange(len(labels)), labels].mean()  # noqa: E731
    logp = _np_log_softmax(static_scores)
    np.testing.assert_allclose(losses['loss_cls'].item(), ce(motion_scores), rtol=1e-4)
    np.testing.assert_allclose(losses['loss_static_ce'].item(), -0.7 * ce(static_scores),
                               rtol=1e-4)
    np.testing.assert_allclose(losses['loss_static_entropy'].item(),
                               4.25 * (np.exp(logp) * logp).sum(1).mean(), rtol=1e-4)
    np.testing.assert_allclose(losses['static_top1_acc'].item(),
                               (static_scores.argmax(1) == labels).mean())


def test_gradient_signs_push_static_predictions_wrong_and_uniform():
    torch.manual_seed(0)
    base = albar_cfg(SLOWONLY_R18)
    model = MODELS.build(base)
    model.init_weights()
    model.eval()
    data = model.data_preprocessor(make_batch(4, (1, 3, 4, 16, 16), 4), training=True)
    samples = data['data_samples']
    static = torch.stack([s.static_inputs for s in samples])
    labels = torch.stack([s.gt_label for s in samples]).view(-1)

    def static_stats(m):
        with torch.no_grad():
            s = m.extract_feat(static, stage='head')[0]
        logp = torch.log_softmax(s, 1)
        return -logp[torch.arange(4), labels].mean().item(), -(logp.exp() * logp).sum(1).mean()

    for key in ('loss_static_ce', 'loss_static_entropy'):
        m = copy.deepcopy(model)
        ce0, ent0 = static_stats(m)
        loss = m.loss(data['inputs'], samples)[key]
        params = [p for n, p in m.named_parameters() if n.startswith('backbone.')]
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for p, g in zip(params, grads):  # a step on the backbone only
                p -= 1e-3 * g / (g.norm() + 1e-12)
        ce1, ent1 = static_stats(m)
        if key == 'loss_static_ce':
            assert ce1 > ce0, 'adversarial term must make static predictions more wrong'
        else:
            assert ent1 > ent0, 'entropy term must make static predictions more uniform'


def test_static_pass_keeps_bn_statistics_separate():
    torch.manual_seed(0)
    albar = MODELS.build(albar_cfg(SLOWONLY_R18))
    plain = MODELS.build(copy.deepcopy(SLOWONLY_R18))
    plain.load_state_dict(albar.state_dict())  # stock keys load into a plain recognizer
    batch = make_batch(2, (1, 3, 4, 16, 16), 4)
    for m in (albar, plain):
        m.train()
        data = m.data_preprocessor(copy.deepcopy(batch), training=True)
        m.loss(data['inputs'], data['data_samples'])
    bn = 'backbone.conv1.bn.running_mean'
    # the static pass changed neither the motion pass's batch statistics nor running stats
    torch.testing.assert_close(albar.state_dict()[bn], plain.state_dict()[bn])
    for key, value in plain.state_dict().items():
        if 'running' in key:
            torch.testing.assert_close(albar.state_dict()[key], value, msg=key)


@pytest.mark.parametrize('mode', ['batch_stats', 'batch_stats_update', 'running_stats'])
def test_static_bn_modes(mode):
    torch.manual_seed(0)
    model = MODELS.build(albar_cfg(SLOWONLY_R18, static_bn=mode))
    model.train()
    data = model.data_preprocessor(make_batch(2, (1, 3, 4, 16, 16), 4), training=True)
    static = torch.stack([s.static_inputs for s in data['data_samples']])
    feats, _ = model.extract_feat(data['inputs'])  # the motion pass
    ctx = DebiasContext(model.cls_head, feats, model.cls_head(feats), data['data_samples'], {},
                        model.view_scores)
    bn = model.backbone.conv1.bn
    before = bn.running_mean.clone()
    scores = ctx.static_scores(mode)
    changed = not torch.equal(before, bn.running_mean)
    assert changed == (mode == 'batch_stats_update')
    assert bn.training and bn.track_running_stats  # restored
    if mode == 'running_stats':
        model.eval()
        with torch.no_grad():
            ref = model.extract_feat(static, stage='head')[0]
        torch.testing.assert_close(scores.detach(), ref)


def test_state_dict_uses_stock_head_keys_and_loads_both_ways():
    albar = MODELS.build(albar_cfg(TSN_R18))
    keys = albar.state_dict().keys()
    assert 'cls_head.fc_cls.weight' in keys
    assert not any(k.startswith('cls_head.head.') for k in keys)
    plain = MODELS.build(copy.deepcopy(TSN_R18))
    with torch.no_grad():
        plain.cls_head.fc_cls.weight.fill_(0.5)
    albar.load_state_dict(plain.state_dict())  # strict
    assert torch.all(albar.cls_head.head.fc_cls.weight == 0.5)
    prefixed = {('cls_head.head.' + k[len('cls_head.'):] if k.startswith('cls_head.') else k): v
                for k, v in plain.state_dict().items()}
    albar.load_state_dict(prefixed)


def test_predictions_are_the_wrapped_heads():
    torch.manual_seed(0)
    albar = MODELS.build(albar_cfg(TSN_R18))
    plain = MODELS.build(copy.deepcopy(TSN_R18))
    plain.load_state_dict(albar.state_dict())
    albar.eval(), plain.eval()
    batch = make_batch(2, (3, 3, 32, 32), 4)
    with torch.no_grad():
        a = albar.test_step(copy.deepcopy(batch))
        b = plain.test_step(copy.deepcopy(batch))
    for x, y in zip(a, b):
        torch.testing.assert_close(x.pred_score, y.pred_score)


def test_albar_head_without_sampler_is_a_build_error():
    cfg = recognizer_cfg(TSN_R18, type='DebiasRecognizer2D',
                         cls_head=dict(type='ALBARHead', head=TSN_R18['cls_head']))
    with pytest.raises(RuntimeError, match="'StaticClipSampler'"):
        MODELS.build(cfg)


def test_preset_is_the_debias_head_with_one_albar_objective():
    """ALBARHead(...) and DebiasHead(objectives=[ALBARObjective(...)]) are the same model:
    same keys, bit-identical losses and updates over two steps (w_t, w_s, w_e, penalty)."""
    from mmengine.optim import OptimWrapper
    weights = dict(loss_motion_weight=0.5, loss_static_weight=0.7, loss_entropy_weight=3.0,
                   loss_gp_weight=10.0, gp_mode='l2', static_ce_bound=1.5)
    old = albar_cfg(SLOWONLY_R18, **weights)
    new = recognizer_cfg(old, cls_head=dict(type='DebiasHead', head=SLOWONLY_R18['cls_head'],
                                            objectives=[dict(type='ALBARObjective', **weights)]))
    runs = []
    for cfg in (old, new):
        torch.manual_seed(0)
        model = MODELS.build(cfg)
        optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01))
        runs.append([model.train_step(make_batch(2, (1, 3, 4, 16, 16), 4, seed=step), optim)
                     for step in range(2)] + [model.state_dict()])
    (*a, state_a), (*b, state_b) = runs
    assert a == b and 'loss_static_gp' in a[1]
    assert state_a.keys() == state_b.keys()
    assert all(torch.equal(state_a[k], state_b[k]) for k in state_a)


def test_albar_head_bad_arguments():
    with pytest.raises(TypeError, match='config dict of the head'):
        MODELS.build(dict(type='ALBARHead', head='I3DHead'))
    with pytest.raises(ValueError, match='static_bn'):
        MODELS.build(dict(type='ALBARHead', head=TSN_R18['cls_head'], static_bn='mixed'))
    with pytest.raises(ValueError, match='loss_gp_weight'):
        MODELS.build(dict(type='ALBARHead', head=TSN_R18['cls_head'], loss_gp_weight=-1.0))
    with pytest.raises(ValueError, match='gp_mode|mode must be one of'):
        MODELS.build(dict(type='ALBARHead', head=TSN_R18['cls_head'], gp_mode='l1'))


def test_missing_static_inputs_names_the_fix():
    model = MODELS.build(albar_cfg(TSN_R18))
    data = model.data_preprocessor(make_batch(2, (3, 3, 16, 16), 4), training=False)
    with pytest.raises(KeyError, match='StaticClipSampler'):
        model.loss(data['inputs'], data['data_samples'])


def test_soft_labels_from_blending():
    cfg = albar_cfg(TSN_R18, loss_gp_weight=0.0)
    cfg['data_preprocessor']['blending'] = dict(type='MixupBlending', num_classes=4, alpha=.2)
    train_test_step(cfg, expected_losses=('loss_cls', 'loss_static_ce'))


def test_albar_with_gradient_penalty_under_cpu_autocast():
    """AMP: the loss path (both passes and the double backward) runs under autocast
    (bfloat16 on CPU; mmengine's AmpOptimWrapper wraps the forward the same way on GPU)."""
    torch.manual_seed(0)
    model = MODELS.build(albar_cfg(TSN_R18, gp_mode='l2'))
    data = model.data_preprocessor(make_batch(2, (3, 3, 32, 32), 4), training=True)
    with torch.autocast('cpu', dtype=torch.bfloat16):
        losses = model.loss(data['inputs'], data['data_samples'])
    total = sum(v for k, v in losses.items() if 'loss' in k)
    assert all(torch.isfinite(v).all() for v in losses.values())
    assert losses['loss_static_gp'].dtype == torch.float32 and losses['loss_static_gp'] > 0
    total.backward()
    grad = model.backbone.conv1.conv.weight.grad
    assert grad is not None and torch.isfinite(grad).all()


def _debias_albar_cfg(base, **objective_kwargs):
    return recognizer_cfg(
        base, type=debias_type(base),
        data_preprocessor=dict(base['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='DebiasHead', head=base['cls_head'], objectives=[
            dict(type='ALBARObjective', loss_gp_weight=0.0, **objective_kwargs)]))


@pytest.mark.parametrize('base', [TSN_R18, SLOWONLY_R18], ids=['tsn', 'slowonly'])
def test_static_ce_bound_caps_each_clip_and_stops_its_gradient(base):
    """static_ce_bound: -min(CE_b, m) per static clip; a clip past the bound adds no gradient
    (the class-flipping solution earns nothing); 'chance' is m = ln C."""
    torch.manual_seed(0)
    plain = MODELS.build(_debias_albar_cfg(base, loss_static_weight=0.7))
    plain.init_weights()
    plain.eval()
    shape = (3, 3, 16, 16) if base is TSN_R18 else (1, 3, 4, 16, 16)
    data = plain.data_preprocessor(make_batch(4, shape, 4), training=True)
    inputs, samples = data['inputs'], data['data_samples']
    static = torch.stack([s.static_inputs for s in samples])
    labels = np.array([s.gt_label.item() for s in samples])
    with torch.no_grad():
        scores = plain.extract_feat(static, stage='head')[0].double().numpy()
    ce = -_np_log_softmax(scores)[np.arange(4), labels]  # per clip
    bound = float(np.median(ce))  # half the clips above it
    for value, expected in ((bound, np.minimum(ce, bound)),
                            ('chance', np.minimum(ce, np.log(scores.shape[1])))):
        model = MODELS.build(_debias_albar_cfg(base, loss_static_weight=0.7,
                                               static_ce_bound=value))
        model.load_state_dict(plain.state_dict())
        model.eval()
        with torch.no_grad():
            got = model.loss(inputs, samples)['loss_static_ce'].item()
        np.testing.assert_allclose(got, -0.7 * expected.mean(), rtol=1e-4)
    # every clip past a tiny bound: the term is a constant, no gradient reaches the network
    model = MODELS.build(_debias_albar_cfg(base, static_ce_bound=1e-6))
    model.load_state_dict(plain.state_dict())
    model.eval()
    loss = model.loss(inputs, samples)['loss_static_ce']
    assert loss.item() == pytest.approx(-1e-6)
    grads = torch.autograd.grad(loss, [p for p in model.parameters() if p.requires_grad],
                                allow_unused=True)
    assert all(g is None or g.abs().max() == 0 for g in grads)
    # unbounded (the paper's): the same clips do get a gradient
    loss = plain.loss(inputs, samples)['loss_static_ce']
    grads = torch.autograd.grad(loss, [p for p in plain.parameters() if p.requires_grad],
                                allow_unused=True)
    assert any(g is not None and g.abs().max() > 0 for g in grads)


@pytest.mark.parametrize('bound', [0, -1.0, float('inf'), float('nan'), 'uniform', True])
def test_bad_static_ce_bound_is_a_clear_error(bound):
    with pytest.raises(ValueError, match="static_ce_bound must be None.*'chance'"):
        MODELS.build(dict(type='ALBARObjective', static_ce_bound=bound))
