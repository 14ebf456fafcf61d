import pytest
import torch
from mmaction.registry import HOOKS, MODELS
from mmengine.optim import OptimWrapper

from mmdebias.engine import GradientPenaltyHook
from tests.conformance import SLOWONLY_R18, TSN_R18, debias_type, make_batch, recognizer_cfg


class _Runner:
    """The two attributes of mmengine's Runner that the hook reads."""

    def __init__(self, model):
        self.model = model
        self.iter = 0


def albar_model(base=SLOWONLY_R18, **head_kwargs):
    return MODELS.build(recognizer_cfg(
        base, type=debias_type(base),
        data_preprocessor=dict(base['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='ALBARHead', head=base['cls_head'], **head_kwargs)))


def test_interval_schedule_scales_weight():
    hook = HOOKS.build(dict(type='GradientPenaltyHook', interval=4))
    assert [hook.scale_at(i) for i in range(6)] == [4.0, 0, 0, 0, 4.0, 0]
    assert GradientPenaltyHook().scale_at(7) == 1.0


def test_hook_schedules_the_models_penalty():
    model = albar_model(loss_gp_weight=2.5, gp_mode='l2')
    runner = _Runner(model)
    hook = GradientPenaltyHook(interval=2)
    hook.before_train(runner)
    optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.0))
    seen = []
    objective = model.cls_head.objectives[0]
    for it in range(3):
        runner.iter = it
        hook.before_train_iter(runner, it)
        seen.append(objective.gp_weight)
        log_vars = model.train_step(make_batch(2, (1, 3, 4, 16, 16), 4), optim)
        assert ('loss_static_gp' in log_vars) == (it % 2 == 0)
    assert seen == [5.0, 0.0, 5.0]  # 2 x loss_gp_weight every 2nd step
    assert objective.gp_mode == 'l2'
    hook.after_train(runner)
    assert objective.gp_weight == 2.5  # the model's own weight again


def test_penalty_reaches_backbone_gradients():
    torch.manual_seed(0)
    model = albar_model(TSN_R18)
    batch = make_batch(2, (3, 3, 16, 16), 4)
    grads = []
    for scale in (0.0, 1.0):
        model.cls_head.set_gradient_penalty_scale(scale)
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
    with pytest.raises(ValueError, match='interval'):
        GradientPenaltyHook(interval=0)


@pytest.mark.parametrize('old', [dict(loss_weight=10.0), dict(mode='released'),
                                 dict(loss_weight=10.0, mode='l2', interval=2)])
def test_weights_on_the_hook_name_the_model_arguments(old):
    """The penalty's weight and reduction are model arguments; the former hook arguments
    are an error that names them (a silent no-op would train another model)."""
    with pytest.raises(ValueError, match="loss_gp_weight=10.0, gp_mode='released'"):
        HOOKS.build(dict(type='GradientPenaltyHook', **old))
