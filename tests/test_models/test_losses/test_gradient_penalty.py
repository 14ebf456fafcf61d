import math

import numpy as np
import pytest
import torch

from mmdebias.models.losses import static_gradient_penalty


def _linear_scores(inputs, weight):
    # scores[b, k] = sum(inputs[b] * weight[k]) -> d(sum_bk scores)/d inputs[b] = sum_k weight[k]
    return torch.einsum('b...,k...->bk', inputs, weight)


def _expected(grad_bcthw, mode):
    g = np.asarray(grad_bcthw, dtype=np.float64)
    if mode == 'released':
        norms = np.sqrt((g ** 2).sum(axis=(1, 2, 3)) + 1e-12)  # [B, W]
    else:
        norms = np.sqrt((g ** 2).reshape(len(g), -1).sum(axis=1) + 1e-12)
    return norms.mean()


@pytest.mark.parametrize('mode', ['released', 'l2'])
def test_gp_ncthw_hand_values(mode):
    torch.manual_seed(0)
    B, V, C, T, H, W, K = 2, 1, 3, 4, 5, 6, 3
    inputs = torch.randn(B, V, C, T, H, W, requires_grad=True)
    weight = torch.randn(K, V, C, T, H, W)
    scores = _linear_scores(inputs, weight)
    grad = weight.sum(0).expand(B, V, C, T, H, W).reshape(B * V, C, T, H, W)
    got = static_gradient_penalty(scores, inputs, mode=mode, layout='NCTHW')
    assert math.isclose(got.item(), _expected(grad.numpy(), mode), rel_tol=1e-5)


def test_gp_released_reduces_over_c_t_h_only():
    # gradient = 1 everywhere: released = sqrt(C*T*H) (norm per (b, w), mean over b, w),
    # l2 = sqrt(C*T*H*W)
    B, C, T, H, W = 2, 3, 4, 5, 6
    inputs = torch.zeros(B, 1, C, T, H, W, requires_grad=True)
    scores = inputs.flatten(1).sum(1, keepdim=True)
    released = static_gradient_penalty(scores, inputs, 'released', 'NCTHW').item()
    l2 = static_gradient_penalty(scores, inputs, 'l2', 'NCTHW').item()
    assert math.isclose(released, math.sqrt(C * T * H), rel_tol=1e-6)
    assert math.isclose(l2, math.sqrt(C * T * H * W), rel_tol=1e-6)


@pytest.mark.parametrize('mode', ['released', 'l2'])
def test_gp_tsn_layout_treats_segments_as_time(mode):
    torch.manual_seed(1)
    B, S, C, H, W, K = 2, 3, 3, 4, 5, 2
    inputs = torch.randn(B, S, C, H, W, requires_grad=True)
    weight = torch.randn(K, S, C, H, W)
    scores = _linear_scores(inputs, weight)
    grad = weight.sum(0).expand(B, S, C, H, W).transpose(1, 2)  # -> [B, C, S, H, W]
    got = static_gradient_penalty(scores, inputs, mode=mode, layout='NCHW')
    assert math.isclose(got.item(), _expected(grad.numpy(), mode), rel_tol=1e-5)


def test_gp_is_differentiable_double_backward():
    torch.manual_seed(2)
    inputs = torch.randn(2, 1, 2, 2, 3, 3, requires_grad=True)
    weight = torch.randn(4, 1, 2, 2, 3, 3, requires_grad=True)
    scores = _linear_scores(torch.tanh(inputs), weight)
    gp = static_gradient_penalty(scores, inputs)
    gp.backward()
    assert weight.grad is not None and weight.grad.abs().sum() > 0


def test_gp_errors():
    inputs = torch.randn(1, 1, 1, 2, 2, 2)
    with pytest.raises(ValueError, match='requires_grad'):
        static_gradient_penalty(inputs.sum().view(1, 1), inputs)
    inputs.requires_grad_(True)
    with pytest.raises(ValueError, match='mode'):
        static_gradient_penalty(inputs.sum().view(1, 1), inputs, mode='l1')


def test_faithful_is_an_error_naming_released():
    torch.manual_seed(2)
    inputs = torch.randn(2, 1, 3, 2, 4, 4, requires_grad=True)
    scores = _linear_scores(inputs, torch.randn(3, 1, 3, 2, 4, 4))
    with pytest.raises(ValueError, match="'faithful' was renamed 'released'"):
        static_gradient_penalty(scores, inputs, mode='faithful')
    with pytest.raises(ValueError, match="'paper'"):
        static_gradient_penalty(scores, inputs, mode='paper')
