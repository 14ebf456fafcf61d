import pytest
import torch

from mmdebias.models.utils import GradientReversal, gradient_reversal


@pytest.mark.parametrize('grl_lambda', [0.0, 0.5, 1.0, 3.25])
def test_backward_is_exactly_minus_grl_lambda_times_upstream(grl_lambda):
    torch.manual_seed(0)
    x = torch.randn(4, 7, dtype=torch.float64, requires_grad=True)
    upstream = torch.randn(4, 7, dtype=torch.float64)
    y = GradientReversal(grl_lambda)(x)
    assert torch.equal(y, x)  # identity forward
    y.backward(upstream)
    assert torch.equal(x.grad, -grl_lambda * upstream)


def test_grl_lambda_settable_and_reversal_through_a_linear_layer():
    torch.manual_seed(0)
    lin = torch.nn.Linear(3, 2)
    x = torch.randn(5, 3, requires_grad=True)
    lin(x).sum().backward()
    plain = x.grad.clone()
    grl = GradientReversal(1.0)
    grl.set_grl_lambda(0.25)
    x.grad = None
    lin(grl(x)).sum().backward()
    torch.testing.assert_close(x.grad, -0.25 * plain)
    assert grl.base_grl_lambda == 1.0 and grl.grl_lambda == 0.25


def test_functional_form_and_bad_grl_lambda():
    x = torch.ones(2, requires_grad=True)
    gradient_reversal(x, 2.0).sum().backward()
    assert torch.equal(x.grad, torch.full((2, ), -2.0))
    for bad in (-1.0, float('nan'), float('inf')):
        with pytest.raises(ValueError, match='grl_lambda'):
            GradientReversal(bad)
    with pytest.raises(TypeError, match='grl_lambda'):
        GradientReversal('big')


def test_deprecated_alpha_keyword_is_the_same_layer():
    torch.manual_seed(0)
    x = torch.randn(3, 4, requires_grad=True)
    with pytest.warns(FutureWarning, match=r'alpha= is deprecated.*2027-06-30.*grl_lambda=0\.5'):
        old = GradientReversal(alpha=0.5)
    new = GradientReversal(grl_lambda=0.5)
    assert repr(old) == repr(new) == 'GradientReversal(grl_lambda=0.5)'
    old(x).sum().backward()
    grad_old = x.grad.clone()
    x.grad = None
    new(x).sum().backward()
    assert torch.equal(grad_old, x.grad)
    with pytest.raises(ValueError, match='give only grl_lambda'):
        GradientReversal(grl_lambda=0.5, alpha=0.25)
