import numpy as np
import pytest

from mmdebias.preparation.synthetic.compositing import alpha_composite, composite, still_clip


def test_alpha_composite_with_binary_masks_is_the_byte_select():
    rng = np.random.default_rng(0)
    frames = rng.integers(0, 256, (3, 5, 7, 3), dtype=np.uint8)
    background = rng.integers(0, 256, (5, 7, 3), dtype=np.uint8)
    masks = rng.random((3, 5, 7)) < 0.4
    soft = alpha_composite(background.astype(np.float32),
                           [(frames.astype(np.float32), masks.astype(np.float32))])
    assert np.array_equal(soft.astype(np.uint8), composite(frames, masks, background))


def test_alpha_composite_stacks_layers_bottom_first():
    background = np.zeros((2, 2, 3), np.float32)
    red, blue = np.array([255, 0, 0], np.float32), np.array([0, 0, 255], np.float32)
    half = np.full((1, 2, 2), 0.5, np.float32)
    out = alpha_composite(background, [(red, half), (blue, half)])
    # blue over (red over black): 0.5 blue + 0.25 red
    assert out.shape == (1, 2, 2, 3)
    assert np.allclose(out[0, 0, 0], [63.75, 0, 127.5])
    # a per-frame background (T, H, W, 3) is used as is
    frames = np.ones((1, 2, 2, 3), np.float32)
    assert np.allclose(alpha_composite(frames, [(red, np.zeros((1, 2, 2)))]), 1.0)


def test_still_clip_repeats_one_frame():
    frames = np.arange(5)[:, None, None, None] * np.ones((5, 2, 2, 3), int)
    assert (still_clip(frames) == 2).all() and still_clip(frames).shape == frames.shape
    assert (still_clip(frames, -1) == 4).all()
    with pytest.raises(IndexError, match='5 frames'):
        still_clip(frames, 5)
