from .backgrounds import (draw_stripes, fit_background, list_images, read_image,
                          stripe_background, texture_background)
from .compositing import alpha_composite, composite, place_beside, still_clip
from .motion_shapes import CLASSES, MotionShapesRenderer, generate_motion_shapes
from .motion_shapes_source import generate_motion_shapes_source

__all__ = [
    'CLASSES', 'MotionShapesRenderer', 'generate_motion_shapes', 'generate_motion_shapes_source',
    'draw_stripes',
    'fit_background', 'list_images', 'read_image', 'stripe_background', 'texture_background',
    'alpha_composite', 'composite', 'place_beside', 'still_clip'
]
