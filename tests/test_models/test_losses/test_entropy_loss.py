import math

import numpy as np
import torch

from mmdebias.models.losses import NegativeEntropyLoss, negative_entropy


def test_negative_entropy_hand_values():
    # uniform over 2 classes: sum p log p = log(1/2)
    assert math.isclose(negative_entropy(torch.zeros(1, 2)).item(), math.log(0.5), rel_tol=1e-6)
    # uniform over K: -log K; batch mean over two different rows
    scores = torch.tensor([[0., 0., 0., 0.], [math.log(3.), 0., -1e9, -1e9]])
    # row 2: p = (3/4, 1/4, 0, 0)
    row2 = 0.75 * math.log(0.75) + 0.25 * math.log(0.25)
    expected = (math.log(0.25) + row2) / 2
    assert math.isclose(negative_entropy(scores).item(), expected, rel_tol=1e-6)


def test_negative_entropy_matches_numpy_on_random_logits():
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(5, 7)) * 3
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    expected = (p * np.log(p)).sum(1).mean()
    got = negative_entropy(torch.tensor(logits, dtype=torch.float32)).item()
    assert math.isclose(got, expected, rel_tol=1e-5)


def test_negative_entropy_finite_at_extreme_logits():
    scores = torch.tensor([[1e4, -1e4, 0.], [-1e4, -1e4, -1e4]], requires_grad=True)
    value = negative_entropy(scores)
    value.backward()
    assert torch.isfinite(value) and torch.isfinite(scores.grad).all()
    # one-hot row has entropy 0; uniform row has -log 3
    assert math.isclose(value.item(), (0 + math.log(1 / 3)) / 2, rel_tol=1e-5)
    # half precision logits are computed in float32
    assert torch.isfinite(negative_entropy(scores.detach().half()))


def test_negative_entropy_loss_weight_and_gradient_direction():
    scores = torch.tensor([[2., 0., -1.]], requires_grad=True)
    loss = NegativeEntropyLoss(loss_weight=4.25)(scores)
    assert math.isclose(loss.item(), 4.25 * negative_entropy(scores).item(), rel_tol=1e-6)
    loss.backward()
    # descending the negative entropy lowers the top logit and raises the lowest one
    assert scores.grad[0, 0] > 0 and scores.grad[0, 2] < 0
