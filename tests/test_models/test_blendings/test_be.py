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


def released_be(videos, lam, frame_index):
    """Transcription of the released formula (``BEIntraBlending.do_blending`` of the StillMix
    authors' port; ``SpatialMixup`` version 2 in FingerRec/BE): ONE scalar lam for the batch,
    a frame per clip, ``(1 - lam) * videos + lam * frame`` for every frame."""
    out = torch.empty_like(videos)
    for i in range(videos.shape[0]):  # [B, T, C, H, W]
        out[i] = (1 - lam) * videos[i] + lam * videos[i, int(frame_index[i])]
    return out


@pytest.mark.parametrize('layout', LAYOUTS)
def test_default_matches_the_released_formula_on_identical_inputs(layout):
    gen = torch.Generator().manual_seed(3)
    clips = torch.randn(5, 6, 3, 4, 4, generator=gen)  # [B, T, C, H, W]
    x = clips.clone() if layout == 'tsn' else clips.permute(0, 2, 1, 3, 4).unsqueeze(1)
    torch.manual_seed(0)
    blend = BEBlending(prob=1.0)
    params = blend.sample_params(frames(x).unsqueeze(1), None)  # the real draws
    lam = params['lam']
    assert torch.all(lam == lam[0]) and 0 <= float(lam[0]) <= 0.3  # one lambda per batch
    out, _ = pin(blend, **params)(x, samples([0] * 5))
    expected = released_be(clips, float(lam[0]), params['src_frame'])
    torch.testing.assert_close(frames(out), expected, rtol=0, atol=1e-6)


def test_draws_one_lam_per_batch_by_default_and_per_clip_on_request():
    torch.manual_seed(0)
    batch = torch.zeros(256, 1, 8, 3, 1, 1)
    per_batch = [BEBlending(prob=0.5).sample_params(batch, None)['lam'] for _ in range(64)]
    assert all(torch.all(lam == lam[0]) for lam in per_batch)
    firsts = torch.stack([lam[0] for lam in per_batch])
    assert firsts.min() >= 0 and firsts.max() <= 0.3 and firsts.std() > 0.05
    params = BEBlending(prob=0.5, gamma=0.3, lam_per='clip').sample_params(batch, None)
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
    with pytest.raises(ValueError, match="lam_per must be one of .*got 'video'"):
        BEBlending(lam_per='video')
