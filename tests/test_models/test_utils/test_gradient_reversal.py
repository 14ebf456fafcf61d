import pytest
import torch

from mmdebias.models.utils import GradientReversal, gradient_reversal


@pytest.mark.parametrize('alpha', [0.0, 0.5, 1.0, 3.25])
def test_backward_is_exactly_minus_alpha_times_upstream(alpha):
    torch.manual_seed(0)
    x = torch.randn(4, 7, dtype=torch.float64, requires_grad=True)
    upstream = torch.randn(4, 7, dtype=torch.float64)
    y = GradientReversal(alpha)(x)
    assert torch.equal(y, x)  # identity forward
    y.backward(upstream)
    assert torch.equal(x.grad, -alpha * upstream)


def test_alpha_settable_and_reversal_through_a_linear_layer():
    torch.manual_seed(0)
    lin = torch.nn.Linear(3, 2)
    x = torch.randn(5, 3, requires_grad=True)
    lin(x).sum().backward()
    plain = x.grad.clone()
    grl = GradientReversal(1.0)
    grl.set_alpha(0.25)
    x.grad = None
    lin(grl(x)).sum().backward()
    torch.testing.assert_close(x.grad, -0.25 * plain)
    assert grl.base_alpha == 1.0 and grl.alpha == 0.25


def test_functional_form_and_bad_alpha():
    x = torch.ones(2, requires_grad=True)
    gradient_reversal(x, 2.0).sum().backward()
    assert torch.equal(x.grad, torch.full((2, ), -2.0))
    for bad in (-1.0, float('nan'), float('inf')):
        with pytest.raises(ValueError, match='alpha'):
            GradientReversal(bad)
    with pytest.raises(TypeError, match='alpha'):
        GradientReversal('big')
