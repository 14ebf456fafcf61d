import math

import pytest
import torch.nn as nn
from mmaction.registry import HOOKS

from mmdebias.models.utils import GradientReversal


class _Runner:
    """The attributes of mmengine's Runner that the hook reads."""

    def __init__(self, model, max_iters):
        self.model = model
        self.iter = 0
        self.max_iters = max_iters


def _model():
    return nn.Sequential(GradientReversal(1.0), nn.Linear(2, 2), GradientReversal(0.5))


def test_sigmoid_ramp_matches_dann_formula_and_keeps_relative_strengths():
    model = _model()
    runner = _Runner(model, max_iters=10)
    hook = HOOKS.build(dict(type='GRLScheduleHook', schedule='sigmoid'))
    hook.before_train(runner)
    for it in (0, 3, 10):
        runner.iter = it
        hook.before_train_iter(runner, it)
        f = 2 / (1 + math.exp(-10 * it / 10)) - 1
        assert model[0].grl_lambda == pytest.approx(1.0 * f)
        assert model[2].grl_lambda == pytest.approx(0.5 * f)
    assert model[0].grl_lambda == pytest.approx(0.9999092, abs=1e-6)


def test_linear_and_constant_with_global_grl_lambda():
    model = _model()
    runner = _Runner(model, max_iters=4)
    runner.iter = 1
    HOOKS.build(dict(type='GRLScheduleHook', schedule='linear', grl_lambda=2.0)).before_train_iter(
        runner, 1)
    assert model[0].grl_lambda == model[2].grl_lambda == pytest.approx(0.5)
    HOOKS.build(dict(type='GRLScheduleHook', schedule='constant')).before_train_iter(runner, 1)
    assert (model[0].grl_lambda, model[2].grl_lambda) == (1.0, 0.5)


def test_errors():
    with pytest.raises(ValueError, match='schedule'):
        HOOKS.build(dict(type='GRLScheduleHook', schedule='cosine'))
    with pytest.raises(RuntimeError, match='no GradientReversal'):
        HOOKS.build(dict(type='GRLScheduleHook')).before_train(_Runner(nn.Linear(2, 2), 1))


def test_deprecated_alpha_keyword_sets_the_same_strength():
    with pytest.warns(FutureWarning, match='GRLScheduleHook: alpha= is deprecated'):
        old = HOOKS.build(dict(type='GRLScheduleHook', schedule='linear', alpha=2.0))
    assert old.grl_lambda == 2.0
    runner = _Runner(_model(), max_iters=4)
    runner.iter = 1
    old.before_train_iter(runner, 1)
    assert runner.model[0].grl_lambda == runner.model[2].grl_lambda == 0.5
