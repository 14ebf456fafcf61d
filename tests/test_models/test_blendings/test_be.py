"""BEBlending: hand-computed blends with a frame of the same clip, both layouts."""
import pytest
import torch

from mmdebias.models import BEBlending
from tests.test_models.test_blendings.helpers import LAYOUTS, frames, make, pin, samples


@pytest.mark.parametrize('layout', LAYOUTS)
def test_known_lam_and_frame(layout):
    # clip 0: frame t = t; clip 1: frame t = 10 * t
    x = make([[0, 1, 2, 3], [0, 10, 20, 30]], layout)
    blend = pin(BEBlending(prob=1.0), lam=[0.2, 0.3], src_frame=[3, 1], mixed=[True, True])
    out, data_samples = blend(x, samples([2, 0]))
    got = frames(out)[:, :, 0, 0, 0]
    # clip 0: 0.8 * t + 0.2 * 3; clip 1: 0.7 * 10t + 0.3 * 10
    expected = torch.tensor([[0.6, 1.4, 2.2, 3.0], [3.0, 10.0, 17.0, 24.0]])
    torch.testing.assert_close(got, expected)
    assert [int(s.gt_label) for s in data_samples] == [2, 0]


@pytest.mark.parametrize('layout', LAYOUTS)
def test_unmixed_clip_and_single_clip_batch(layout):
    x = make([[0, 1, 2, 3], [0, 10, 20, 30]], layout)
    blend = pin(BEBlending(prob=0.5), lam=[0.2, 0.3], src_frame=[3, 1], mixed=[False, True])
    out, _ = blend(x.clone(), samples([0, 1]))
    assert torch.equal(frames(out)[0], frames(x)[0])
    # BE needs no other clip: a batch of one is blended
    one = make([[0, 1, 2, 3]], layout)
    out, _ = pin(BEBlending(prob=1.0), lam=[0.25], src_frame=[0], mixed=[True])(
        one, samples([0]))
    torch.testing.assert_close(frames(out)[0, :, 0, 0, 0], torch.tensor([0., .75, 1.5, 2.25]))


def test_draws_lam_below_gamma_per_clip():
    torch.manual_seed(0)
    params = BEBlending(prob=0.5, gamma=0.3).sample_params(torch.zeros(256, 1, 8, 3, 1, 1), None)
    assert params['lam'].min() >= 0 and params['lam'].max() <= 0.3
    assert params['lam'].std() > 0.05  # per clip, not one per batch
    assert params['src_frame'].min() >= 0 and params['src_frame'].max() <= 7
    assert 0.4 < params['mixed'].float().mean() < 0.6


def test_bad_arguments():
    with pytest.raises(ValueError, match='prob must be a probability'):
        BEBlending(prob=2)
    with pytest.raises(ValueError, match=r'gamma must be in \(0, 1\]'):
        BEBlending(gamma=0)
    with pytest.raises(ValueError, match=r'gamma must be in \(0, 1\]'):
        BEBlending(gamma=1.5)
