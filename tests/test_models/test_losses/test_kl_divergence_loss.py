import math

import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS


def test_hand_computed_two_classes():
    loss = MODELS.build(dict(type='KLDivergenceLoss', loss_weight=2.0))
    # logits [0, 0] -> q = (1/2, 1/2); target p = (1, 0): KL = log 2 (0 log 0 = 0)
    value = loss(torch.zeros(1, 2), torch.tensor([[1.0, 0.0]]))
    assert math.isclose(value.item(), 2.0 * math.log(2), rel_tol=1e-6)


def test_is_soft_cross_entropy_minus_target_entropy_with_the_same_gradient():
    gen = torch.Generator().manual_seed(0)
    z = torch.randn(3, 5, generator=gen, requires_grad=True)
    p = torch.softmax(torch.randn(3, 5, generator=gen), 1)
    kl = MODELS.build(dict(type='KLDivergenceLoss'))(z, p)
    ce = MODELS.build(dict(type='CrossEntropyLoss'))(z, p)
    entropy = -(p * p.log()).sum(1).mean()
    torch.testing.assert_close(kl, ce - entropy)
    (g_kl, ) = torch.autograd.grad(kl, z, retain_graph=True)
    (g_ce, ) = torch.autograd.grad(ce, z)
    torch.testing.assert_close(g_kl, g_ce)
    assert F.kl_div(F.log_softmax(z, 1), p, reduction='batchmean').item() == \
        pytest.approx(kl.item(), rel=1e-6)


def test_shape_mismatch_is_an_error():
    with pytest.raises(ValueError, match='same shape'):
        MODELS.build(dict(type='KLDivergenceLoss'))(torch.zeros(2, 3), torch.zeros(2))
