"""ActorCutMixBlending: hand-computed pastes with known actor masks, both layouts."""
import numpy as np
import pytest
import torch

from mmdebias.models import ActorCutMixBlending
from tests.test_models.test_blendings.helpers import LAYOUTS, frames, make, pin, samples


def _masks(views=1):
    """Clip 0: actor at pixel (0, t % 2) of frame t; clip 1: no actor; clip 2: all actor."""
    m0 = np.zeros((4 * views, 2, 2), np.uint8)
    for t in range(4 * views):
        m0[t, 0, t % 2] = 1
    return [m0, np.zeros((4 * views, 2, 2), np.uint8), np.ones((4 * views, 2, 2), np.uint8)]


@pytest.mark.parametrize('layout', LAYOUTS)
def test_known_masks(layout):
    x = make([[1] * 4, [2] * 4, [3] * 4], layout)
    blend = pin(ActorCutMixBlending(prob=1.0), partner=[1, 2, 0], mixed=[True, True, True])
    out, data_samples = blend(x, samples([0, 1, 2], actor_mask=_masks()))
    got = frames(out)[:, :, 0]  # [B, T, H, W]
    expected0 = torch.full((4, 2, 2), 2.0)  # clip 1's frames ...
    for t in range(4):
        expected0[t, 0, t % 2] = 1.0  # ... with clip 0's actor pixel of frame t
    torch.testing.assert_close(got[0], expected0)
    # clip 1 has no actor: left unmixed (not "clip 0's scene with clip 1's label")
    torch.testing.assert_close(got[1], torch.full((4, 2, 2), 2.0))
    # clip 2 is all actor: its own pixels everywhere
    torch.testing.assert_close(got[2], torch.full((4, 2, 2), 3.0))
    assert [int(s.gt_label) for s in data_samples] == [0, 1, 2]


def test_3d_views_use_their_own_frames_of_the_mask():
    # 2 views x 4 frames: mask frame index = view * T + t (sampling order)
    x = torch.zeros(2, 2, 3, 4, 2, 2)
    x[1] = 5.0
    mask = np.zeros((8, 2, 2), np.uint8)
    mask[5, 1, 1] = 1  # view 1, frame 1
    blend = pin(ActorCutMixBlending(prob=1.0), partner=[1, 0], mixed=[True, False])
    out, _ = blend(x, samples([0, 1], actor_mask=[mask, np.zeros((8, 2, 2), np.uint8)]))
    expected = torch.full((2, 3, 4, 2, 2), 5.0)
    expected[1, :, 1, 1, 1] = 0.0
    torch.testing.assert_close(out[0], expected)
    torch.testing.assert_close(out[1], x[1])


def test_missing_or_misshaped_mask_is_a_clear_error():
    x = make([[1] * 4, [2] * 4], '3d')
    blend = ActorCutMixBlending(prob=1.0)
    with pytest.raises(KeyError, match="LoadActorMask.*algorithm_keys"):
        blend(x, samples([0, 1]))
    with pytest.raises(ValueError, match=r'shape \(3, 2, 2\), expected \(4, 2, 2\)'):
        blend(x, samples([0, 1], actor_mask=[np.ones((3, 2, 2))] * 2))
    with pytest.raises(ValueError, match='prob must be a probability'):
        ActorCutMixBlending(prob=-1)
