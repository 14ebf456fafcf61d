"""StillMixBlending: hand-computed blends (random and frame-bank variants), both layouts."""
import numpy as np
import pytest
import torch

from mmdebias.models import StillMixBlending, load_frame_bank, save_frame_bank
from tests.test_models.test_blendings.helpers import LAYOUTS, frames, make, pin, samples

# clip 0: every frame 1; clip 1: frame t = 10 + t (T = 4)
VALUES = [[1, 1, 1, 1], [10, 11, 12, 13]]


@pytest.mark.parametrize('layout', LAYOUTS)
def test_random_variant_known_lam_and_frame(layout):
    x = make(VALUES, layout)
    blend = pin(StillMixBlending(prob=1.0), lam=0.25, mixed=[True, True], src_clip=[1, 0],
                src_frame=[2, 3])
    out, data_samples = blend(x, samples([0, 1]))
    got = frames(out)[:, :, 0, 0, 0]  # [B, T]
    # clip 0: 0.25 * 1 + 0.75 * 12 = 9.25; clip 1: 0.25 * (10 + t) + 0.75 * 1
    expected = torch.tensor([[9.25] * 4, [3.25, 3.5, 3.75, 4.0]])
    torch.testing.assert_close(got, expected)
    assert out.shape == x.shape
    assert [int(s.gt_label) for s in data_samples] == [0, 1]  # labels kept


@pytest.mark.parametrize('layout', LAYOUTS)
def test_clip_not_drawn_for_mixing_is_unchanged(layout):
    x = make(VALUES, layout)
    blend = pin(StillMixBlending(prob=0.5), lam=0.25, mixed=[True, False], src_clip=[1, 0],
                src_frame=[2, 3])
    out, _ = blend(x.clone(), samples([0, 1]))
    assert torch.equal(frames(out)[1], frames(x)[1])
    assert torch.allclose(frames(out)[0], torch.full_like(frames(x)[0], 9.25))


def test_random_draws_follow_the_formula():
    """Unpinned: every clip is lam * x_i + (1 - lam) * (a frame of another clip)."""
    torch.manual_seed(0)
    x = make([[0, 0, 0, 0], [100, 101, 102, 103]], '3d')
    blend = StillMixBlending(prob=1.0, alpha=(200, 200))
    out = frames(blend(x, samples([0, 1]))[0])[:, :, 0, 0, 0]
    # clip 0 is all zeros: out_0 = (1 - lam) * (100 + t*) for one t*, constant over time
    assert torch.allclose(out[0], out[0, 0].expand(4))
    one_minus_lam = [out[0, 0] / (100 + t) for t in range(4)]
    lam = 1 - min(one_minus_lam, key=lambda v: abs(v - 0.5))
    assert 0.4 < lam < 0.6  # Beta(200, 200) concentrates on 0.5
    # clip 1 with the same lam (one per batch) and clip 0's frame (zeros)
    torch.testing.assert_close(out[1], lam * torch.tensor([100., 101., 102., 103.]))


def test_probability_is_per_clip():
    torch.manual_seed(0)
    blend = StillMixBlending(prob=0.25)
    mixed = torch.stack([blend.draw_mixed(8) for _ in range(500)]).float()
    assert abs(mixed.mean().item() - 0.25) < 0.03
    per_batch = mixed.sum(1)
    assert ((per_batch > 0) & (per_batch < 8)).any()  # drawn per clip, not per batch


def test_single_clip_batch_is_left_unchanged():
    x = make([[1, 2, 3, 4]], 'tsn')
    out, _ = StillMixBlending(prob=1.0)(x.clone(), samples([0]))
    assert torch.equal(out, x)


def _bank(tmp_path, frames_uint8, name='bank.npz'):
    path = str(tmp_path / name)
    n = len(frames_uint8)
    save_frame_bank(path, frames_uint8, labels=[0] * n, videos=['v.mp4'] * n,
                    frame_inds=list(range(n)), scores=[0.9] * n, meta=dict(test=True))
    return path


@pytest.mark.parametrize('layout', LAYOUTS)
def test_bank_variant_normalises_bank_frames_like_the_clips(tmp_path, layout):
    bank = np.zeros((2, 2, 2, 3), np.uint8)
    bank[0] = 100
    bank[1] = [200, 50, 0]
    path = _bank(tmp_path, bank)
    blend = pin(StillMixBlending(prob=1.0, bank_file=path, mean=[100] * 3, std=[50] * 3),
                lam=0.5, mixed=[True, True], bank_index=[1, 0])
    out, _ = blend(make(VALUES, layout), samples([0, 1]))
    got = frames(out)[:, :, :, 0, 0]  # [B, T, C]
    # bank frame 1 normalised: (200, 50, 0) -> (2, -1, -2); frame 0 -> 0
    torch.testing.assert_close(got[0], torch.tensor([[1.5, 0.0, -0.5]] * 4))
    torch.testing.assert_close(got[1], 0.5 * torch.tensor([10., 11., 12., 13.])[:, None].expand(
        4, 3))


def test_bank_frames_of_another_size_are_resized(tmp_path):
    path = _bank(tmp_path, np.full((3, 4, 4, 3), 150, np.uint8))
    blend = pin(StillMixBlending(prob=1.0, bank_file=path, mean=[100] * 3, std=[50] * 3),
                lam=0.0, mixed=[True, True], bank_index=[0, 2])
    out, _ = blend(make(VALUES, '3d', size=(2, 2)), samples([0, 1]))
    assert torch.allclose(out, torch.ones_like(out))  # lam 0: the (resized) bank frame, = 1


def test_bank_loaded_once_and_draws_are_in_range(tmp_path):
    path = _bank(tmp_path, np.zeros((5, 2, 2, 3), np.uint8))
    blend = StillMixBlending(prob=1.0, bank_file=path, mean=[0] * 3, std=[1] * 3)
    params = blend.sample_params(torch.zeros(64, 1, 4, 3, 2, 2), None)
    assert params['bank_index'].min() >= 0 and params['bank_index'].max() <= 4
    assert len(set(params['bank_index'].tolist())) > 1
    assert blend.bank is blend.bank


def test_bad_arguments_give_clear_errors(tmp_path):
    with pytest.raises(ValueError, match=r'prob must be a probability in \[0, 1\], got 1.5'):
        StillMixBlending(prob=1.5)
    with pytest.raises(ValueError, match='prob must be a probability'):
        StillMixBlending(prob=-0.1)
    with pytest.raises(ValueError, match='Beta parameters must be finite and > 0'):
        StillMixBlending(alpha=(0, 200))
    with pytest.raises(ValueError, match='Beta parameters must be finite and > 0'):
        StillMixBlending(alpha=-1.0)
    with pytest.raises(ValueError, match='needs mean and std'):
        StillMixBlending(bank_file='bank.npz')
    with pytest.raises(ValueError, match='3 values'):
        StillMixBlending(bank_file='bank.npz', mean=[0, 0], std=[1, 1, 1])
    with pytest.raises(ValueError, match='TSN inputs'):
        StillMixBlending()(torch.zeros(2, 3, 4, 4), samples([0, 1]))


def test_missing_or_malformed_bank_names_the_file_and_the_fix(tmp_path):
    missing = str(tmp_path / 'nope.npz')
    blend = StillMixBlending(prob=1.0, bank_file=missing, mean=[0] * 3, std=[1] * 3)
    with pytest.raises(FileNotFoundError, match='nope.npz.*stillmix_frame_bank.py'):
        blend(make(VALUES, '3d'), samples([0, 1]))

    wrong = str(tmp_path / 'wrong.npz')
    np.savez(wrong, frames=np.zeros((4, 3, 8, 8), np.float32))
    with pytest.raises(ValueError, match=r'wrong.npz.*uint8 \[N, H, W, 3\].*float32 '
                       r'\(4, 3, 8, 8\).*stillmix_frame_bank.py'):
        load_frame_bank(wrong)
    no_frames = str(tmp_path / 'no_frames.npz')
    np.savez(no_frames, images=np.zeros((4, 8, 8, 3), np.uint8))
    with pytest.raises(KeyError, match='no_frames.npz.*no "frames"'):
        load_frame_bank(no_frames)
    garbage = tmp_path / 'garbage.npz'
    garbage.write_text('not a zip')
    with pytest.raises(ValueError, match='garbage.npz.*cannot be read'):
        load_frame_bank(str(garbage))
