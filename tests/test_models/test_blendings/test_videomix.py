"""VideoMixBlending: hand-computed cuboid pastes and volume-mixed soft labels."""
import pytest
import torch

from mmdebias.models import VideoMixBlending
from tests.test_models.test_blendings.helpers import LAYOUTS, frames, make, pin, samples


@pytest.mark.parametrize('layout', LAYOUTS)
def test_known_cuboid_and_labels(layout):
    x = make([[1] * 4, [2] * 4], layout)  # T = 4, H = W = 2
    blend = pin(VideoMixBlending(num_classes=3), lam=0.5, box=(1, 3, 0, 1, 0, 2),
                partner=[1, 0], mixed=[True, False])
    out, data_samples = blend(x, samples([0, 2]))
    got = frames(out)[:, :, 0]  # [B, T, H, W]
    expected0 = torch.ones(4, 2, 2)
    expected0[1:3, 0:1, 0:2] = 2.0  # frames 1-2, row 0, both columns from clip 1
    torch.testing.assert_close(got[0], expected0)
    torch.testing.assert_close(got[1], torch.full((4, 2, 2), 2.0))
    # volume 2 * 1 * 2 / (4 * 2 * 2) = 0.25
    torch.testing.assert_close(data_samples[0].gt_label, torch.tensor([0.75, 0.0, 0.25]))
    torch.testing.assert_close(data_samples[1].gt_label, torch.tensor([0.0, 0.0, 1.0]))


def test_soft_labels_from_an_earlier_blending_are_mixed_further():
    x = make([[1] * 4, [2] * 4], '3d')
    data_samples = samples([0, 1])
    data_samples[0].set_gt_label(torch.tensor([0.5, 0.5, 0.0]))
    blend = pin(VideoMixBlending(num_classes=3), lam=0.5, box=(0, 2, 0, 2, 0, 2),
                partner=[1, 0], mixed=[True, True])
    _, data_samples = blend(x, data_samples)
    torch.testing.assert_close(data_samples[0].gt_label, torch.tensor([0.25, 0.75, 0.0]))
    torch.testing.assert_close(data_samples[1].gt_label, torch.tensor([0.25, 0.75, 0.0]))


@pytest.mark.parametrize('mode,expected', [('spatial', (4, 4, 4)), ('temporal', (1, 8, 8)),
                                           ('spatiotemporal', (2, 5, 5))])
def test_cuboid_size_follows_lam(mode, expected):
    torch.manual_seed(0)
    blend = VideoMixBlending(num_classes=3, mode=mode)
    sizes = set()
    for _ in range(50):
        t1, t2, y1, y2, x1, x2 = blend.cuboid(0.75, 4, 8, 8)  # 1 - lam = 0.25
        assert 0 <= t1 <= t2 <= 4 and 0 <= y1 <= y2 <= 8 and 0 <= x1 <= x2 <= 8
        sizes.add((t2 - t1, y2 - y1, x2 - x1))
    # full size when the centre is far enough from the border: the largest drawn box
    assert max(sizes) == expected


def test_unpinned_labels_match_the_pasted_volume():
    torch.manual_seed(3)
    x = make([[0] * 8, [1] * 8], '3d', size=(16, 16))
    blend = VideoMixBlending(num_classes=2, prob=1.0, mode='spatiotemporal')
    out, data_samples = blend(x, samples([0, 1]))
    pasted = out[0].mean().item()  # fraction of clip 0 that now holds clip 1's ones
    torch.testing.assert_close(data_samples[0].gt_label[1].item(), pasted)


def test_bad_arguments():
    with pytest.raises(ValueError, match='num_classes'):
        VideoMixBlending(num_classes=None)
    with pytest.raises(ValueError, match='mode must be one of'):
        VideoMixBlending(num_classes=3, mode='cube')
    with pytest.raises(ValueError, match='Beta parameters must be finite and > 0'):
        VideoMixBlending(num_classes=3, alpha=0.0)
    with pytest.raises(ValueError, match='prob must be a probability'):
        VideoMixBlending(num_classes=3, prob=1.01)
    with pytest.raises(ValueError, match=r'label 5 .* outside \[0, 3\)'):
        VideoMixBlending(num_classes=3)(make([[1] * 4, [2] * 4], 'tsn'), samples([0, 5]))
