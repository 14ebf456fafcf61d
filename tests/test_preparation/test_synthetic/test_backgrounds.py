import numpy as np

from mmdebias.preparation.synthetic import MotionShapesRenderer
from mmdebias.preparation.synthetic.backgrounds import (draw_stripes, stripe_background,
                                                     texture_background)


def test_draw_stripes_follows_the_formula_before_rotation():
    colour, inverse = np.array([10, 20, 30], np.uint8), np.array([245, 235, 225], np.uint8)
    width, spacing, amplitude, omega, phase, baseline = 3.0, 10.0, 4.0, 0.2, 1.0, 20.0
    image = draw_stripes(40, colour, inverse, width, spacing, amplitude, omega, phase,
                         baseline, angle=0.0)
    assert image.shape == (40, 40, 3) and image.dtype == np.uint8
    y, x = np.mgrid[:40, :40]
    stripe = np.mod(y - (amplitude * np.sin(omega * x + phase) + baseline), spacing) < width
    assert (image[stripe] == inverse).all() and (image[~stripe] == colour).all()
    # float colours stay float (MotionShapes blends them with soft actors)
    image = draw_stripes(40, colour.astype(np.float32), inverse.astype(np.float32), width,
                         spacing, amplitude, omega, phase, baseline, angle=0.0)
    assert image.dtype == np.float32


def test_draw_stripes_rotates_about_the_centre():
    colour, inverse = np.zeros(3, np.uint8), np.full(3, 255, np.uint8)
    args = (41, colour, inverse, 3.0, 10.0, 0.0, 0.0, 0.0, 0.0)
    flat, turned = draw_stripes(*args, angle=0.0), draw_stripes(*args, angle=90.0)
    assert (flat == flat[:, :1]).all()  # horizontal stripes: every row is one colour
    inner = turned[8:33, 8:33, 0]
    assert (inner == inner[:1]).all()  # turned by 90 degrees: every column is one colour
    profile = flat[8:33, 0, 0]
    assert np.array_equal(inner[0], profile) or np.array_equal(inner[0], profile[::-1])


def test_the_two_stripe_recipes_share_the_renderer():
    full = stripe_background(np.random.default_rng(0), size=64)
    assert full.shape == (64, 64, 3) and full.dtype == np.uint8
    assert len(np.unique(full.reshape(-1, 3), axis=0)) == 2  # nearest: two colours only
    small = MotionShapesRenderer(size=32).stripe_background(np.random.default_rng(0))
    assert small.shape == (32, 32, 3) and small.dtype == np.float32
    assert len(np.unique(small.reshape(-1, 3), axis=0)) > 2  # bilinear rotation blends


def test_texture_background_is_the_palette_with_noise():
    rng = np.random.default_rng(0)
    palette = np.array([90, 140, 60], np.float32)
    image = texture_background(rng, palette, 32)
    assert image.shape == (32, 32, 3) and image.min() >= 0 and image.max() <= 255
    assert np.abs(image.reshape(-1, 3).mean(0) - palette).max() < 40
    assert np.array_equal(image, texture_background(np.random.default_rng(0), palette, 32))
    # the renderer's method is this function at its size
    renderer = MotionShapesRenderer(size=32)
    assert np.array_equal(renderer.texture_background(np.random.default_rng(5), palette),
                          texture_background(np.random.default_rng(5), palette, 32))
