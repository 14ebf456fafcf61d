import pytest
import torch
from mmaction.registry import HOOKS, MODELS
from mmengine.optim import OptimWrapper

from mmdebias.engine import GradientPenaltyHook
from tests.conformance import SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg


class _Runner:
    """The two attributes of mmengine's Runner that the hook reads."""

    def __init__(self, model):
        self.model = model
        self.iter = 0


def albar_model(base=SLOWONLY_R18):
    return MODELS.build(recognizer_cfg(
        base, data_preprocessor=dict(base['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='ALBARHead', head=base['cls_head'])))


def test_interval_schedule_scales_weight():
    hook = HOOKS.build(dict(type='GradientPenaltyHook', loss_weight=10.0, interval=4))
    assert [hook.weight_at(i) for i in range(6)] == [40.0, 0, 0, 0, 40.0, 0]
    assert GradientPenaltyHook(loss_weight=2.0).weight_at(7) == 2.0


def test_hook_switches_penalty_in_model_loss():
    model = albar_model()
    runner = _Runner(model)
    hook = GradientPenaltyHook(loss_weight=10.0, mode='l2', interval=2)
    hook.before_train(runner)
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.0))
    seen = []
    for it in range(3):
        runner.iter = it
        hook.before_train_iter(runner, it)
        log_vars = model.train_step(make_batch(2, (1, 3, 4, 16, 16), 4), optim)
        seen.append('loss_static_gp' in log_vars)
    assert seen == [True, False, True]
    assert model.cls_head.objectives[0].gp_mode == 'l2'
    hook.after_train(runner)
    assert model.cls_head.objectives[0].gp_weight == 0.0


def test_penalty_reaches_backbone_gradients():
    torch.manual_seed(0)
    model = albar_model(TSN_R18)
    batch = make_batch(2, (3, 3, 16, 16), 4)
    grads = []
    for weight in (0.0, 10.0):
        model.cls_head.set_gradient_penalty(weight)
        model.zero_grad()
        data = model.data_preprocessor(batch, training=True)
        sum(v for k, v in model.loss(**data).items() if 'loss' in k).backward()
        grads.append(model.backbone.conv1.conv.weight.grad.clone())
    assert not torch.allclose(grads[0], grads[1])


def test_hook_without_albar_names_the_fix():
    plain = MODELS.build(dict(TSN_R18))
    with pytest.raises(RuntimeError, match='ALBARHead'):
        GradientPenaltyHook().before_train(_Runner(plain))


def test_bad_hook_arguments():
    with pytest.raises(ValueError, match='mode'):
        GradientPenaltyHook(mode='l1')
    with pytest.raises(ValueError, match='interval'):
        GradientPenaltyHook(interval=0)


def test_faithful_mode_is_a_deprecated_alias_of_released():
    with pytest.warns(FutureWarning, match="use 'released'"):
        hook = GradientPenaltyHook(mode='faithful')
    assert hook.mode == 'released'
    with pytest.raises(ValueError, match="GradientPenaltyHook: .*'paper'"):
        GradientPenaltyHook(mode='paper')
