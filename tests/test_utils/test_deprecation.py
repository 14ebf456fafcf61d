"""renamed_argument: the deprecated keyword keeps working (same value, a FutureWarning naming
the new keyword and the removal date); both keywords with different values is an error."""
import pytest
import torch

from mmdebias.models.utils import build_adversary_mlp
from mmdebias.utils.deprecation import REMOVAL_DATE, renamed_argument


def test_old_keyword_warns_and_gives_its_value():
    assert renamed_argument('X', 'alpha', 'grl_lambda', None, 0.3, 1.0) == 0.3
    with pytest.warns(FutureWarning,
                      match=f'X: alpha= is deprecated .* after {REMOVAL_DATE}; use '
                            r'grl_lambda=0\.5'):
        assert renamed_argument('X', 'alpha', 'grl_lambda', 0.5, 1.0, 1.0) == 0.5
    with pytest.warns(FutureWarning):  # the same value under both names is not a conflict
        assert renamed_argument('X', 'alpha', 'grl_lambda', 0.5, 0.5, 1.0) == 0.5
    with pytest.raises(ValueError, match=r'X: alpha=0\.5 and grl_lambda=0\.25 .* give only '
                                         'grl_lambda'):
        renamed_argument('X', 'alpha', 'grl_lambda', 0.5, 0.25, 1.0)


def test_build_adversary_mlp_alpha_is_the_same_mlp():
    torch.manual_seed(0)
    with pytest.warns(FutureWarning, match='build_adversary_mlp: alpha='):
        old = build_adversary_mlp(4, 3, 5, 1, alpha=0.5)
    torch.manual_seed(0)
    new = build_adversary_mlp(4, 3, 5, 1, grl_lambda=0.5)
    assert repr(old) == repr(new) and 'grl_lambda=0.5' in repr(new)
    assert all(torch.equal(a, b) for a, b in zip(old.state_dict().values(),
                                                 new.state_dict().values()))
