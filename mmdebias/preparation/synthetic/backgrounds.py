r"""Backgrounds for the static-bias test sets: SCUBA stripes, noise textures, real images.

SCUBA (Li et al., "Mitigating and Evaluating Static Bias of Action Representations in the
Background and the Foreground", StillMix, ICCV 2023) pastes actors on backgrounds that carry
no action cue, among them synthetic sinusoidal stripes: a random colour :math:`c` crossed by
stripes of another colour (the inverse :math:`255 - c` in the paper) along

.. math:: y = A \sin(\omega x + \phi) + b \pmod{s},

a pixel being a stripe where :math:`(y - A \sin(\omega x + \phi) - b) \bmod s < w` (line
width :math:`w`, spacing :math:`s`), rotated by a random angle. :func:`draw_stripes` renders
that pattern from given parameters; :func:`stripe_background` draws the parameters of the
full-resolution recipe (the bias benchmark builder) and
:meth:`~mmdebias.preparation.synthetic.MotionShapesRenderer.stripe_background` those of the
32-pixel MotionShapes recipe -- the two draw different ranges in their own order, so each
keeps its random stream (and its files) while sharing the rendering.
"""
import glob
import math
import os.path as osp
from typing import List

import cv2
import numpy as np

IMAGE_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp', '.webp')


def draw_stripes(canvas: int, colour: np.ndarray, inverse: np.ndarray, width: float,
                 spacing: float, amplitude: float, omega: float, phase: float,
                 baseline: float, angle: float, interpolation: int = cv2.INTER_NEAREST,
                 border_mode: int = cv2.BORDER_CONSTANT) -> np.ndarray:
    r"""Sinusoidal stripes on a ``canvas x canvas`` square, rotated about its centre.

    Pixel :math:`(x, y)` has colour ``inverse`` where
    :math:`(y - (A \sin(\omega x + \phi) + b)) \bmod s < w` and ``colour`` elsewhere
    (:math:`A` = ``amplitude``, :math:`b` = ``baseline``, :math:`s` = ``spacing``,
    :math:`w` = ``width``); the pattern is then rotated by ``angle`` degrees with
    ``cv2.warpAffine`` (``interpolation``, ``border_mode``). The output dtype is that of
    the colours (uint8 or float32); coordinates are float32.

    Args:
        canvas (int): Side of the square, in pixels.
        colour (np.ndarray): ``(3, )`` background colour.
        inverse (np.ndarray): ``(3, )`` stripe colour, same dtype.
        width, spacing, amplitude, omega, phase, baseline (float): See the formula.
        angle (float): Rotation in degrees.
        interpolation (int): OpenCV interpolation flag. Defaults to nearest.
        border_mode (int): OpenCV border mode. Defaults to a constant (black) border.

    Returns:
        np.ndarray: ``(canvas, canvas, 3)``.
    """
    ys, xs = np.mgrid[:canvas, :canvas].astype(np.float32)
    offset = ys - (amplitude * np.sin(omega * xs + phase) + baseline)
    stripes = np.mod(offset, spacing) < width
    image = np.where(stripes[..., None], inverse, colour)
    rotation = cv2.getRotationMatrix2D((canvas / 2, canvas / 2), angle, 1.0)
    return cv2.warpAffine(image, rotation, (canvas, canvas), flags=interpolation,
                          borderMode=border_mode)


def stripe_background(rng: np.random.Generator, size: int = 256) -> np.ndarray:
    """A SCUBA stripe background (StillMix, ICCV 2023), RGB uint8 ``(size, size, 3)``.

    A random colour ``c`` is crossed by stripes of the inverse colour ``255 - c`` that follow
    ``y = A sin(w x + t) + 128 (mod spacing)``: line width 5-20 px, spacing (period) 3-5x the
    line width; our choice for the unstated ranges: amplitude ``A`` in [0, 40] px, wavelength
    ``2 pi / w`` in [64, 256] px, phase ``t`` in [0, 2 pi). The pattern is rotated by a random
    angle and centre-cropped to ``size x size``.
    """
    canvas = int(math.ceil(size * math.sqrt(2))) + 2  # covers the crop at any rotation
    colour = rng.integers(0, 256, size=3).astype(np.uint8)
    width = int(rng.integers(5, 21))
    spacing = width * rng.uniform(3.0, 5.0)
    amplitude = rng.uniform(0.0, 40.0)
    omega = 2 * math.pi / rng.uniform(64.0, 256.0)
    phase = rng.uniform(0.0, 2 * math.pi)
    image = draw_stripes(canvas, colour, 255 - colour, width, spacing, amplitude, omega, phase,
                         baseline=128.0, angle=rng.uniform(0.0, 360.0))
    top = (canvas - size) // 2
    return np.ascontiguousarray(image[top:top + size, top:top + size])


def texture_background(rng: np.random.Generator, palette: np.ndarray,
                       size: int) -> np.ndarray:
    """A palette colour modulated by smooth random noise: float32 ``(size, size, 3)``.

    ``palette + 25 * upsampled N(0, 1) 4x4x3 noise (bicubic) + N(0, 6) per pixel``, clipped
    to [0, 255] (MotionShapes' scene backgrounds).
    """
    coarse = rng.normal(0, 1, (4, 4, 3)).astype(np.float32)
    noise = cv2.resize(coarse, (size, size), interpolation=cv2.INTER_CUBIC)
    fine = rng.normal(0, 6, (size, size, 3)).astype(np.float32)
    return np.clip(palette + 25 * noise + fine, 0, 255)


def fit_background(image: np.ndarray, height: int, width: int,
                   nearest: bool = False) -> np.ndarray:
    """Resize ``image`` so it covers ``height x width`` (short side) and centre-crop it;
    ``nearest`` interpolation for masks."""
    h, w = image.shape[:2]
    scale = max(height / h, width / w)
    new_w, new_h = max(width, round(w * scale)), max(height, round(h * scale))
    interp = (cv2.INTER_NEAREST if nearest else
              cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR)
    image = cv2.resize(image, (new_w, new_h), interpolation=interp)
    top, left = (new_h - height) // 2, (new_w - width) // 2
    return np.ascontiguousarray(image[top:top + height, left:left + width])


def list_images(folder: str) -> List[str]:
    """Image files under ``folder`` (recursive), sorted."""
    files = sorted(p for p in glob.glob(osp.join(folder, '**', '*'), recursive=True)
                   if p.lower().endswith(IMAGE_EXTENSIONS))
    if not files:
        raise FileNotFoundError(f'no background images ({", ".join(IMAGE_EXTENSIONS)}) '
                                f'under {folder}')
    return files


def read_image(path: str, mode: str = 'RGB') -> np.ndarray:
    """Read an image with Pillow (``mode`` ``'RGB'`` or ``'L'``); error naming the file.

    Not ``cv2.imread``: decord loads its bundled zlib 1.2.3 with RTLD_GLOBAL, and OpenCV's
    libpng then fails on every PNG ("bad parameters to zlib") once decord is imported.
    16-bit (or wider) grayscale images are scaled to 8 bits at their full range.
    """
    from PIL import Image
    try:
        with Image.open(path) as image:
            if image.mode.startswith('I'):  # 16-bit ('I;16*') or 32-bit integer grayscale
                image = Image.fromarray(_to_8bit(np.asarray(image), image.mode), 'L')
            return np.asarray(image.convert(mode))
    except OSError as error:
        raise IOError(f'cannot read image {path}: {error}') from error


def _to_8bit(array: np.ndarray, mode: str) -> np.ndarray:
    """A 16-bit (or wider) grayscale image scaled to 0..255 (Pillow's ``convert`` clips it:
    everything above 255 would turn white)."""
    array = array.astype(np.float64)
    if mode != 'I' or array.max(initial=0) > 255:
        array = array / 257.0  # 65535 -> 255
    return np.clip(np.round(array), 0, 255).astype(np.uint8)
