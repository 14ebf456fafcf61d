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


@pytest.mark.parametrize('layout', LAYOUTS)
def test_permute_channels_recolours_only_what_moves(layout):
    # one clip whose channels differ: channel c of frame t = 100 c + t; partner = 7 everywhere
    values = torch.tensor([[[100. * c + t for c in range(3)] for t in range(4)],
                           [[7., 7., 7.]] * 4])  # [B, T, C]
    x = values[:, :, :, None, None].expand(-1, -1, -1, 2, 2).contiguous()
    if layout == '3d':
        x = x.permute(0, 2, 1, 3, 4).unsqueeze(1).contiguous()
    blend = pin(StaticSwapBlending(prob=1.0, permute_channels=True), mixed=[True, False],
                src_clip=[1, 0], src_frame=[0, 0], own_frame=torch.tensor(2),
                channel_order=torch.tensor([[2, 0, 1], [0, 1, 2]]))
    out, _ = blend(x, samples([0, 1]))
    got = frames(out)[0, :, :, 0, 0]  # [T, C]
    # moving part (t - 2 in every channel) permuted: still t - 2; the foreign frame is 7
    torch.testing.assert_close(got, torch.tensor([[5., 5., 5.], [6., 6., 6.], [7., 7., 7.],
                                                  [8., 8., 8.]]))
    # a channel-dependent moving part is permuted: clip 0 vs its partner swapped roles
    values2 = torch.tensor([[[10. * c * t for c in range(3)] for t in range(4)],
                            [[0., 0., 0.]] * 4])
    x2 = values2[:, :, :, None, None].expand(-1, -1, -1, 2, 2).contiguous()
    if layout == '3d':
        x2 = x2.permute(0, 2, 1, 3, 4).unsqueeze(1).contiguous()
    out2, _ = blend(x2, samples([0, 1]))
    moving = frames(out2)[0, 3, :, 0, 0]  # t = 3: channel c moved by 10 c (3 - 2) -> [0, 10, 20]
    torch.testing.assert_close(moving, torch.tensor([20., 0., 10.]))
    with pytest.raises(TypeError, match='permute_channels'):
        StaticSwapBlending(permute_channels=1)


def test_in_a_stock_recognizer2d_train_step():
    from tests.conformance import TSN_R18
    cfg = dict(TSN_R18, data_preprocessor=dict(
        TSN_R18['data_preprocessor'],
        blending=dict(type='StaticSwapBlending', prob=1.0, permute_channels=True)))
    train_test_step(cfg, batch_size=2)
