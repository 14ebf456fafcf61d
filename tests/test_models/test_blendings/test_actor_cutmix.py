"""ActorCutMixBlending: hand-computed pastes and labels with known actor masks, both
layouts; the released formula on identical inputs; soft labels through the stock loss."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS

from mmdebias.models import ActorCutMixBlending
from tests.test_models.test_blendings.helpers import LAYOUTS, frames, make, pin, samples


def _masks(views=1):
    """Clip 0: actor at pixel (0, t % 2) of frame t; clip 1: no actor; clip 2: all actor."""
    m0 = np.zeros((4 * views, 2, 2), np.uint8)
    for t in range(4 * views):
        m0[t, 0, t % 2] = 1
    return [m0, np.zeros((4 * views, 2, 2), np.uint8), np.ones((4 * views, 2, 2), np.uint8)]


def _labels(data_samples):
    return torch.stack([torch.as_tensor(s.gt_label, dtype=torch.float32) for s in data_samples])


@pytest.mark.parametrize('layout', LAYOUTS)
def test_known_masks_released_defaults(layout):
    x = make([[1] * 4, [2] * 4, [3] * 4], layout)
    blend = pin(ActorCutMixBlending(prob=1.0, num_classes=3), partner=[1, 2, 0],
                mixed=[True, True, True])
    out, data_samples = blend(x, samples([0, 1, 2], actor_mask=_masks()))
    got = frames(out)[:, :, 0]  # [B, T, H, W]
    expected0 = torch.full((4, 2, 2), 2.0)  # clip 1's frames (it has no actor to remove) ...
    for t in range(4):
        expected0[t, 0, t % 2] = 1.0  # ... with clip 0's actor pixel of frame t
    torch.testing.assert_close(got[0], expected0)
    # clip 1 has no actor: left unmixed (not "clip 0's scene with clip 1's label")
    torch.testing.assert_close(got[1], torch.full((4, 2, 2), 2.0))
    # clip 2 is all actor: its own pixels everywhere
    torch.testing.assert_close(got[2], torch.full((4, 2, 2), 3.0))
    # labels: clip 0's actors cover a = 1/4 of it: w = 1 - (3/4)^4 = 0.68359375 on its class,
    # the rest on the partner's; unmixed clip 1 and all-actor clip 2 keep theirs (one-hot)
    w = 1 - 0.75**4
    torch.testing.assert_close(_labels(data_samples), torch.tensor(
        [[w, 1 - w, 0.], [0., 1., 0.], [0., 0., 1.]]))


@pytest.mark.parametrize('layout', LAYOUTS)
def test_partner_actors_removed_or_kept(layout):
    # clip 0 (value 1): actor at pixel (0, 0); clip 1 (value 2): actor at pixel (1, 1)
    x = make([[1] * 4, [2] * 4], layout)
    m0, m1 = np.zeros((4, 2, 2), np.uint8), np.zeros((4, 2, 2), np.uint8)
    m0[:, 0, 0] = 1
    m1[:, 1, 1] = 1
    removed = torch.tensor([[1., 2.], [2., 0.]])  # clip 1's actor pixel becomes 0
    kept = torch.tensor([[1., 2.], [2., 2.]])
    for partner_actors, expected in (('remove', removed), ('keep', kept)):
        blend = pin(ActorCutMixBlending(prob=1.0, num_classes=4, partner_actors=partner_actors),
                    partner=[1, 0], mixed=[True, False])
        out, data_samples = blend(x.clone(), samples([3, 1], actor_mask=[m0, m1]))
        got = frames(out)[:, :, 0]
        torch.testing.assert_close(got[0], expected.expand(4, 2, 2))
        torch.testing.assert_close(got[1], torch.full((4, 2, 2), 2.0))  # not drawn
        w = 1 - 0.75**4
        torch.testing.assert_close(_labels(data_samples), torch.tensor(
            [[0., 1 - w, 0., w], [0., 1., 0., 0.]]))


@pytest.mark.parametrize('layout', LAYOUTS)
def test_label_mode_actor_keeps_the_hard_label(layout):
    x = make([[1] * 4, [2] * 4, [3] * 4], layout)
    blend = pin(ActorCutMixBlending(prob=1.0, label_mode='actor', partner_actors='keep'),
                partner=[1, 2, 0], mixed=[True, True, True])
    out, data_samples = blend(x, samples([0, 1, 2], actor_mask=_masks()))
    assert [int(s.gt_label) for s in data_samples] == [0, 1, 2]
    # the images do not depend on the label mode
    ref = pin(ActorCutMixBlending(prob=1.0, num_classes=3, partner_actors='keep'),
              partner=[1, 2, 0], mixed=[True, True, True])
    ref_out, _ = ref(make([[1] * 4, [2] * 4, [3] * 4], layout), samples([0, 1, 2],
                                                                      actor_mask=_masks()))
    assert torch.equal(out, ref_out)


def released_actor_cutmix(imgs, one_hot, human_mask):
    """Transcription of the released formula (``ActorCutmixBlending.do_blending`` of the
    StillMix authors' port; ``base_supervised_aug.py`` + ``recognizer3d_supervised_aug.py``
    in vt-vl-lab/video-data-aug), prob 1: partner = the flipped batch, clips with an empty or
    full mask (and the middle clip of an odd batch) unchanged, ``w = 1 - (1 - ratio)^4``."""
    human_mask = human_mask.clone()
    full_size = human_mask[0].numel()
    mask_size = human_mask.flatten(1).sum(1)
    invalid = (mask_size == full_size) | (mask_size == 0)
    if imgs.shape[0] % 2:
        invalid[imgs.shape[0] // 2] = True
    human_mask[invalid] = 1
    inv = invalid.float().view(-1, *[1] * (imgs.dim() - 1))
    fg = imgs * human_mask
    bg = torch.flip(imgs * (1 - human_mask), dims=[0]) * (1 - human_mask)
    out = inv * imgs + (1 - inv) * (fg + bg)
    ratio = human_mask.flatten(1).sum(1) / human_mask[0].numel()
    weight = (-(ratio - 1)**4 + 1).unsqueeze(1)
    return out, weight * one_hot + (1 - weight) * torch.flip(one_hot, dims=[0])


def test_matches_the_released_formula_on_identical_inputs():
    gen = torch.Generator().manual_seed(0)
    batch, views, frames_, size = 4, 1, 3, 6
    imgs = torch.randn(batch, views, 3, frames_, size, size, generator=gen)  # [B, V, C, T, H, W]
    masks = torch.zeros(batch, views * frames_, size, size, dtype=torch.uint8)
    for i, (h, w) in enumerate([(2, 3), (4, 4), (1, 6), (3, 2)]):  # a box per clip
        masks[i, :, i:i + h, 1:1 + w] = 1
    masks[2, 1] = 0  # the actor leaves in one frame
    labels = [3, 0, 2, 4]
    blend = pin(ActorCutMixBlending(prob=1.0, num_classes=5),
                partner=torch.arange(batch).flip(0), mixed=torch.ones(batch, dtype=torch.bool))
    out, data_samples = blend(imgs.clone(), samples(labels, actor_mask=list(masks.numpy())))
    # the released layout: masks [B, V, 1, T, H, W] broadcast over the channels
    released_mask = masks.view(batch, views, 1, frames_, size, size).float()
    exp_imgs, exp_labels = released_actor_cutmix(
        imgs, F.one_hot(torch.tensor(labels), 5).float(), released_mask)
    torch.testing.assert_close(out, exp_imgs, rtol=0, atol=1e-6)
    torch.testing.assert_close(_labels(data_samples), exp_labels, rtol=0, atol=1e-6)
    assert not torch.equal(out, imgs)


def test_soft_labels_are_what_the_stock_cross_entropy_takes():
    x = make([[1] * 4, [2] * 4, [3] * 4], '3d')
    blend = pin(ActorCutMixBlending(prob=1.0, num_classes=3), partner=[1, 2, 0],
                mixed=[True, True, True])
    _, data_samples = blend(x, samples([0, 1, 2], actor_mask=_masks()))
    labels = _labels(data_samples)
    logits = torch.randn(3, 3, generator=torch.Generator().manual_seed(0))
    loss = MODELS.build(dict(type='CrossEntropyLoss'))(logits, labels)
    expected = -(labels * logits.log_softmax(1)).sum(1).mean()
    torch.testing.assert_close(loss, expected)


def test_3d_views_use_their_own_frames_of_the_mask():
    # 2 views x 4 frames: mask frame index = view * T + t (sampling order)
    x = torch.zeros(2, 2, 3, 4, 2, 2)
    x[1] = 5.0
    mask = np.zeros((8, 2, 2), np.uint8)
    mask[5, 1, 1] = 1  # view 1, frame 1
    blend = pin(ActorCutMixBlending(prob=1.0, num_classes=2), partner=[1, 0],
                mixed=[True, False])
    out, data_samples = blend(x, samples([0, 1],
                                         actor_mask=[mask, np.zeros((8, 2, 2), np.uint8)]))
    expected = torch.full((2, 3, 4, 2, 2), 5.0)
    expected[1, :, 1, 1, 1] = 0.0
    torch.testing.assert_close(out[0], expected)
    torch.testing.assert_close(out[1], x[1])
    w = 1 - (1 - 1 / 32)**4  # one actor pixel in 8 frames of 2 x 2
    torch.testing.assert_close(_labels(data_samples), torch.tensor([[w, 1 - w], [0., 1.]]))


def test_missing_or_misshaped_mask_is_a_clear_error():
    x = make([[1] * 4, [2] * 4], '3d')
    blend = ActorCutMixBlending(prob=1.0, num_classes=4)
    with pytest.raises(KeyError, match="LoadActorMask.*algorithm_keys"):
        blend(x, samples([0, 1]))
    with pytest.raises(ValueError, match=r'shape \(3, 2, 2\), expected \(4, 2, 2\)'):
        blend(x, samples([0, 1], actor_mask=[np.ones((3, 2, 2))] * 2))
    with pytest.raises(ValueError, match='prob must be a probability'):
        ActorCutMixBlending(prob=-1, num_classes=4)
    with pytest.raises(ValueError, match="needs num_classes.*label_mode='actor'"):
        ActorCutMixBlending(prob=0.5)
    with pytest.raises(ValueError, match="label_mode must be one of"):
        ActorCutMixBlending(num_classes=4, label_mode='paper')
    with pytest.raises(ValueError, match="partner_actors must be one of"):
        ActorCutMixBlending(num_classes=4, partner_actors='black')
    with pytest.raises(ValueError, match='label 7 of data sample 1 is outside'):
        pin(ActorCutMixBlending(prob=1.0, num_classes=4), partner=[1, 0],
            mixed=[True, True])(x, samples([0, 7], actor_mask=[np.ones((4, 2, 2))] * 2))
