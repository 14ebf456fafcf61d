"""StaticSwapBlending: hand-computed swaps of the static view, both layouts, in a stock
Recognizer3D train step."""
import pytest
import torch

from mmdebias.models import StaticSwapBlending
from tests.conformance import train_test_step
from tests.test_models.test_blendings.helpers import (LAYOUTS, R3D18_TINY, frames, make, pin,
                                                      samples)


@pytest.mark.parametrize('layout', LAYOUTS)
def test_known_frames(layout):
    # clip 0: frame t = t (middle frame 2); clip 1: frame t = 10 + t
    x = make([[0, 1, 2, 3], [10, 11, 12, 13]], layout)
    blend = pin(StaticSwapBlending(prob=1.0), mixed=[True, True], src_clip=[1, 0],
                src_frame=[3, 0], own_frame=torch.tensor(2))
    out, data_samples = blend(x, samples([3, 1]))
    got = frames(out)[:, :, 0, 0, 0]
    # clip 0: t - 2 + 13; clip 1: 10 + t - 12 + 0
    expected = torch.tensor([[11., 12., 13., 14.], [-2., -1., 0., 1.]])
    torch.testing.assert_close(got, expected)
    assert [int(s.gt_label) for s in data_samples] == [3, 1]


@pytest.mark.parametrize('layout', LAYOUTS)
def test_unmixed_clip_keeps_its_frames_and_motion_is_kept(layout):
    x = make([[0, 1, 2, 3], [10, 30, 50, 70]], layout)
    blend = pin(StaticSwapBlending(prob=0.5), mixed=[False, True], src_clip=[1, 0],
                src_frame=[0, 1], own_frame=torch.tensor(2))
    out, _ = blend(x.clone(), samples([0, 1]))
    assert torch.equal(frames(out)[0], frames(x)[0])
    # frame-to-frame differences of a swapped clip are its own
    torch.testing.assert_close(frames(out)[1].diff(dim=0), frames(x)[1].diff(dim=0))


def test_draws_and_bad_arguments():
    torch.manual_seed(0)
    params = StaticSwapBlending(prob=0.5).sample_params(torch.zeros(64, 1, 8, 3, 1, 1), None)
    assert int(params['own_frame']) == 4
    assert (params['src_clip'] != torch.arange(64)).all()
    assert 0.3 < params['mixed'].float().mean() < 0.7
    with pytest.raises(ValueError, match='out of range'):
        StaticSwapBlending(frame_index=9).sample_params(torch.zeros(2, 1, 8, 3, 1, 1), None)
    with pytest.raises(ValueError, match='frame_index'):
        StaticSwapBlending(frame_index=True)
    with pytest.raises(ValueError, match='probability'):
        StaticSwapBlending(prob=-0.1)


def test_in_a_stock_recognizer3d_train_step():
    cfg = dict(R3D18_TINY, data_preprocessor=dict(
        R3D18_TINY['data_preprocessor'], blending=dict(type='StaticSwapBlending', prob=1.0)))
    train_test_step(cfg, batch_size=2, sample_shape=(1, 3, 4, 32, 32))
