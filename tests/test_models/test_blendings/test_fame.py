"""FAMEBlending: the foreground mask on a synthetic clip, and hand-computed fusion."""
import math

import pytest
import torch

from mmdebias.models import FAMEBlending, fame_mask
from mmdebias.models.blendings.fame import colour_bins, gaussian_blur, rgb_to_hsv
from tests.test_models.test_blendings.helpers import LAYOUTS, frames, make, pin, samples

BACKGROUND = torch.tensor([0.2, 0.4, 0.8])


def _actor_clip(time=4):
    """8x8 RGB clip in [0, 1]: columns 0-2 a red actor flickering (R 1.0 / 0.5), column 3 a
    still pixel of the actor's mean colour, column 4 background that flickers a little,
    columns 5-7 still background. Returns [T, 3, H, W]."""
    clip = BACKGROUND.view(1, 3, 1, 1).repeat(time, 1, 8, 8)
    for t in range(time):
        clip[t, :, :, 0:3] = torch.tensor([1.0 if t % 2 == 0 else 0.5, 0., 0.]).view(3, 1, 1)
        clip[t, :, :, 4] = (BACKGROUND + (0.05 if t % 2 else -0.05)).view(3, 1)
    clip[:, :, :, 3] = torch.tensor([0.75, 0., 0.]).view(1, 3, 1)
    return clip


def test_mask_is_the_moving_actor_plus_its_colour():
    mask = fame_mask(_actor_clip()[None], beta=0.5, fg_seed=0.3, bg_seed=0.1)[0]
    expected = torch.zeros(8, 8)
    expected[:, 0:4] = 1  # motion finds columns 0-2, colour adds the still actor column 3
    assert torch.equal(mask, expected)
    # from motion alone the 4th column would be the flickering background (column 4)
    motion = (_actor_clip()[1:] - _actor_clip()[:-1]).abs().sum(1).mean(0)
    assert motion[:, 4].min() > motion[:, 3].max()
    assert mask.sum() == 32  # exactly beta * H * W pixels


def test_one_mask_per_clip_for_all_frames_in_both_layouts():
    rgb = _actor_clip()  # [T, 3, H, W] in [0, 1]
    mean, std = [100.0] * 3, [50.0] * 3
    normalised = (rgb * 255 - 100) / 50
    blend = FAMEBlending(prob=1.0, mean=mean, std=std, fg_seed=0.3)
    tsn = normalised[None].repeat(2, 1, 1, 1, 1)  # [B, S, C, H, W]
    c3d = tsn.permute(0, 2, 1, 3, 4).unsqueeze(1)  # [B, 1, C, T, H, W]
    expected = torch.zeros(8, 8)
    expected[:, 0:4] = 1
    for batch in (tsn, c3d):
        masks = blend.masks(frames(batch).unsqueeze(1))  # canonical [B, V, T, C, H, W]
        assert masks.shape == (2, 1, 8, 8)
        assert torch.equal(masks[0, 0], expected) and torch.equal(masks[1, 0], expected)


@pytest.mark.parametrize('layout', LAYOUTS)
def test_known_mask_fusion(layout):
    x = make([[1] * 4, [2] * 4, [3] * 4], layout)
    mask = torch.zeros(3, 1, 2, 2)
    mask[0, 0, :, 0] = 1  # clip 0: left column is foreground
    mask[1, 0, 0, :] = 1  # clip 1: top row
    blend = pin(FAMEBlending(prob=1.0), partner=[2, 0, 1], mixed=[True, True, False],
                mask=mask)
    out, data_samples = blend(x, samples([0, 1, 2]))
    got = frames(out)[:, :, 0]  # [B, T, H, W]
    torch.testing.assert_close(got[0], torch.tensor([[1., 3.], [1., 3.]]).expand(4, 2, 2))
    torch.testing.assert_close(got[1], torch.tensor([[2., 2.], [1., 1.]]).expand(4, 2, 2))
    torch.testing.assert_close(got[2], torch.full((4, 2, 2), 3.0))  # not drawn
    assert [int(s.gt_label) for s in data_samples] == [0, 1, 2]


def test_helpers():
    flat = torch.zeros(1, 9, 9)
    flat[0, 4, 4] = 1.0
    blurred = gaussian_blur(flat, 5)
    torch.testing.assert_close(blurred.sum(), torch.tensor(1.0))  # mass preserved
    assert blurred[0, 4, 4] == blurred.max() and blurred[0, 4, 3] == blurred[0, 3, 4]
    hsv = rgb_to_hsv(torch.tensor([[1., 0., 0.], [0., 1., 0.], [0., 0., 1.], [.5, .5, .5]]
                                  ).view(4, 3, 1, 1))
    torch.testing.assert_close(hsv.view(4, 3), torch.tensor(
        [[0., 1., 1.], [1 / 3, 1., 1.], [2 / 3, 1., 1.], [0., 0., .5]]))


def test_bad_arguments_and_inputs():
    with pytest.raises(ValueError, match=r'beta must be in \(0, 1\)'):
        FAMEBlending(beta=1.0)
    with pytest.raises(ValueError, match='prob must be a probability'):
        FAMEBlending(prob=float('nan'))
    with pytest.raises(ValueError, match='>= 2 frames'):
        FAMEBlending(prob=1.0)(torch.zeros(2, 1, 3, 1, 4, 4), samples([0, 1]))


def released_colour_map(hsv):
    """Transcription of the released colour map (``FAME.getSeg`` in Mark12Ding/FAME
    ``moco/loader.py``; the same in the StillMix authors' ``FameBlending``), with the hue
    in turns (the released code feeds kornia's radians to ``cos(h * 2 pi)``, a unit bug the
    project does not copy). Cells 1..1000 there."""
    dim_h = dim_s = dim_v = 10
    img_h, img_s, img_v = hsv[:, 0], hsv[:, 1], hsv[:, 2]
    hx = (img_s * torch.cos(img_h * 2 * math.pi) + 1) / 2
    hy = (img_s * torch.sin(img_h * 2 * math.pi) + 1) / 2
    h = torch.round(hx * (dim_h - 1) + 1)
    s = torch.round(hy * (dim_s - 1) + 1)
    v = torch.round(img_v * (dim_v - 1) + 1)
    return (h + (s - 1) * dim_h + (v - 1) * dim_h * dim_s).flatten(1).long()


def _colours():
    gen = torch.Generator().manual_seed(0)
    rgb = torch.rand(2, 3, 16, 16, generator=gen)
    rgb[0, :, 0] = 0.5  # greys
    rgb[0, :, 1, :9] = torch.arange(9.).div(9).add(0.5 / 9)  # v * 9 exactly on .5: ties
    rgb[1, :, 0] = torch.tensor([1., 0., 0.]).view(3, 1)  # saturated red: hx = 1, hy = 0.5
    return rgb


def test_released_binning_is_the_released_colour_map():
    rgb = _colours()
    cells = colour_bins(rgb, (10, 10, 10), 'released')
    assert torch.equal(cells, released_colour_map(rgb_to_hsv(rgb)) - 1)
    assert colour_bins(rgb, (10, 10, 10)).equal(cells)  # the default


def test_uniform_binning_is_floor_and_differs():
    rgb = _colours()
    hsv = rgb_to_hsv(rgb)
    angle = hsv[:, 0] * 2 * math.pi
    x = ((hsv[:, 1] * torch.cos(angle) + 1) / 2 * 10).long().clamp(0, 9)
    y = ((hsv[:, 1] * torch.sin(angle) + 1) / 2 * 10).long().clamp(0, 9)
    v = (hsv[:, 2] * 10).long().clamp(0, 9)
    cells = colour_bins(rgb, (10, 10, 10), 'uniform')
    assert torch.equal(cells, (x + 10 * y + 100 * v).flatten(1))
    assert not torch.equal(cells, colour_bins(rgb, (10, 10, 10), 'released'))


def test_hue_in_turns_not_the_released_radians_bug():
    # red (hue 0) and a hue of 1 / (2 pi) turn (57.3 degrees: R 1, G 57.3 / 60, B 0): the
    # released code's angle 2 pi * (hue in radians) puts both at angle 0 (one cell); here the
    # angle is 2 pi * (hue in turns) and they are different colours
    hue = 1 / (2 * math.pi)
    rgb = torch.tensor([[1., 0., 0.], [1., hue * 6, 0.]]).view(2, 3, 1, 1)
    torch.testing.assert_close(rgb_to_hsv(rgb)[1, 0], torch.tensor([[hue]]))
    for binning in ('released', 'uniform'):
        cells = colour_bins(rgb, (10, 10, 10), binning)
        assert cells[0] != cells[1]


def test_blending_uses_the_chosen_binning():
    gen = torch.Generator().manual_seed(1)
    clips = torch.rand(6, 1, 4, 3, 12, 12, generator=gen)  # [B, V, T, C, H, W]
    mean, std = [0.0] * 3, [255.0] * 3  # the clips are RGB in [0, 1] already
    masks = {}
    for binning in ('released', 'uniform'):
        blend = FAMEBlending(prob=1.0, mean=mean, std=std, binning=binning)
        masks[binning] = blend.masks(clips)
        assert torch.equal(masks[binning][:, 0],
                           fame_mask(clips[:, 0], binning=binning))
    assert torch.equal(FAMEBlending(prob=1.0, mean=mean, std=std).masks(clips),
                       masks['released'])
    assert not torch.equal(masks['released'], masks['uniform'])
    with pytest.raises(ValueError, match="binning must be one of .*got 'paper'"):
        FAMEBlending(binning='paper')
