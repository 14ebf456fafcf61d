"""Hand-computed checks of the static-view bias-model objectives (PoE, LfF, sample weights)."""
import copy

import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS

from mmdebias.models.objectives import (BiasReweightObjective, DebiasContext,
                                        ProductOfExpertsObjective)
from tests.conformance import SAMPLE_SHAPES, SLOWONLY_R18, make_batch, recognizer_cfg

EXPERT = dict(type='FrameExpert', channels=(8, ))


def _model(objective):
    cfg = recognizer_cfg(SLOWONLY_R18, data_preprocessor=dict(
        type='StaticClipSampler', mean=[0, 0, 0], std=[1, 1, 1], format_shape='NCTHW'),
        cls_head=dict(type='DebiasHead', head=SLOWONLY_R18['cls_head'],
                      objectives=[objective]))
    torch.manual_seed(0)
    return MODELS.build(cfg)


def _ctx(model, batch_size=4, fields=None):
    batch = model.data_preprocessor(
        make_batch(batch_size, SAMPLE_SHAPES['Recognizer3D'], 4, extra_fields=fields), True)
    feats, _ = model.extract_feat(batch['inputs'])
    scores = model.cls_head.head(feats).float()
    return DebiasContext(model.cls_head, feats, scores, batch['data_samples'], {}), batch


def test_poe_main_logits_are_the_sum_of_log_probabilities_and_the_expert_is_detached():
    model = _model(dict(type='ProductOfExpertsObjective', expert=EXPERT))
    objective = model.cls_head.objectives[0]
    ctx, batch = _ctx(model)
    bias = objective.expert_scores(ctx)
    # the expert sees one frame of each static clip: the middle frame of the motion clip
    frames = ctx.static_frames()
    middle = batch['inputs'][:, :, :, 2].flatten(0, 1)
    assert torch.equal(frames, middle)
    combined = objective.adjust_scores(ctx, ctx.scores)
    expected = F.log_softmax(ctx.scores, 1) + F.log_softmax(bias, 1)
    assert torch.allclose(combined, expected, atol=1e-6)
    F.cross_entropy(combined, ctx.labels).backward()
    assert all(p.grad is None for p in objective.expert.parameters())
    loss = objective.loss(ctx)['loss_poe_expert']
    assert torch.allclose(loss, F.cross_entropy(bias, ctx.labels))


def test_poe_warmup_switches_the_main_loss_off_then_on():
    model = _model(dict(type='ProductOfExpertsObjective', expert=EXPERT, warmup_iters=2))
    objective = model.cls_head.objectives[0]
    seen = []
    for _ in range(3):
        ctx, batch = _ctx(model)
        seen.append(objective.main_loss_weight(ctx))
        losses = model.cls_head.loss(ctx.feats, batch['data_samples'])
        if seen[-1] == 0:  # switched off, but still in the graph
            assert losses['loss_cls'] == 0 and losses['loss_cls'].requires_grad
    assert seen == [0.0, 0.0, 1.0]


def test_lff_gce_and_weights_without_ema():
    model = _model(dict(type='BiasReweightObjective', expert=EXPERT, ema=None, q=0.5))
    objective = model.cls_head.objectives[0]
    ctx, _ = _ctx(model)
    bias = objective.expert_scores(ctx)
    p = F.softmax(bias, 1).gather(1, ctx.labels.view(-1, 1)).view(-1)
    assert torch.allclose(objective.loss(ctx)['loss_lff_bias'], ((1 - p.sqrt()) / 0.5).mean(),
                          atol=1e-6)
    ce_b = F.cross_entropy(bias, ctx.labels, reduction='none')
    ce_d = F.cross_entropy(ctx.scores, ctx.labels, reduction='none')
    assert torch.allclose(objective.sample_weights(ctx), ce_b / (ce_b + ce_d), atol=1e-6)
    assert objective.adjust_scores(ctx, ctx.scores) is ctx.scores


def test_lff_moving_averages_by_sample_index_with_classwise_max():
    model = _model(dict(type='BiasReweightObjective', expert=EXPERT, ema=0.5))
    objective = model.cls_head.objectives[0]
    idx = dict(sample_idx=[7, 3, 0, 9])
    ctx, _ = _ctx(model, fields=idx)
    ce_b1 = F.cross_entropy(objective.expert_scores(ctx), ctx.labels, reduction='none')
    ce_d1 = F.cross_entropy(ctx.scores, ctx.labels, reduction='none')
    objective.sample_weights(ctx)
    assert torch.allclose(objective.ema_bias[[7, 3, 0, 9]], ce_b1)
    assert (objective.ema_bias[[1, 2, 4, 5, 6, 8]] == -1).all()
    # second step on the same clips with other main logits: averages move half way
    ctx2, _ = _ctx(model, fields=idx)
    ctx2.scores = ctx2.scores + torch.arange(4.).view(4, 1)
    ce_d2 = F.cross_entropy(ctx2.scores, ctx2.labels, reduction='none')
    w = objective.sample_weights(ctx2)
    ema_b, ema_d = ce_b1, 0.5 * ce_d1 + 0.5 * ce_d2  # (the expert did not change)
    # labels 0, 1, 2, 3: one clip per class, so each is its class's maximum -> 1 / (1 + 1)
    assert torch.allclose(objective.ema_main[[7, 3, 0, 9]], ema_d, atol=1e-6)
    assert torch.allclose(w, torch.full((4, ), 0.5), atol=1e-6)
    # state survives a checkpoint round trip (exact resume)
    other = _model(dict(type='BiasReweightObjective', expert=EXPERT, ema=0.5))
    other.load_state_dict(model.state_dict())
    assert torch.equal(other.cls_head.objectives[0].ema_main, objective.ema_main)
    assert ema_b is not None


def test_lff_without_sample_index_names_the_fix():
    model = _model(dict(type='BiasReweightObjective', expert=EXPERT))
    ctx, _ = _ctx(model)
    with pytest.raises(KeyError, match="sample_idx"):
        model.cls_head.objectives[0].sample_weights(ctx)


@pytest.mark.parametrize('kwargs, match', [
    (dict(q=0), 'q must be'), (dict(ema=1.0), 'ema must be'),
    (dict(warmup_iters=-1), 'warmup_iters'), (dict(loss_expert_weight=float('nan')), '> 0'),
    (dict(expert='FrameExpert'), 'config dict')])
def test_bad_options_are_clear_errors(kwargs, match):
    args = dict(expert=EXPERT, num_classes=4)
    args.update(kwargs)
    with pytest.raises((ValueError, TypeError), match=match):
        BiasReweightObjective(**copy.deepcopy(args))


def test_poe_with_soft_labels():
    model = _model(dict(type='ProductOfExpertsObjective', expert=EXPERT))
    objective = model.cls_head.objectives[0]
    ctx, _ = _ctx(model)
    ctx.labels = F.one_hot(ctx.labels, 4).float() * 0.8 + 0.05
    loss = objective.loss(ctx)['loss_poe_expert']
    assert torch.isfinite(loss)
    assert isinstance(objective, ProductOfExpertsObjective)
