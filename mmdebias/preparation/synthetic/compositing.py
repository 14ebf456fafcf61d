r"""Compositing foregrounds on backgrounds, and the static (SCUFO) clip of a video.

Both test-set generators paste an actor on a background,

.. math:: I'_t = m_t \odot F_t + (1 - m_t) \odot B,

with :math:`m_t` the actor's mask in frame :math:`t`: :func:`composite` for binary masks on
uint8 frames (the bias benchmark builder, real videos), :func:`alpha_composite` for soft
masks (MotionShapes' anti-aliased shapes, several layers). :func:`still_clip` is SCUFO's
"one frame repeated over time" and :func:`place_beside` moves Confl-FG's static foreground
away from the moving actor (StillMix, ICCV 2023; ALBAR, ICLR 2025).
"""
from typing import Sequence, Tuple, Union

import numpy as np


def composite(frames: np.ndarray, masks: np.ndarray, background: np.ndarray) -> np.ndarray:
    """``frame * mask + background * (1 - mask)`` for binary masks, vectorised.

    Computed as the byte select ``(frame & M) | (background & ~M)`` with ``M = 255 * mask``
    per channel, which equals the formula for ``mask`` in {0, 1} and runs at well over
    1000 frames/s per core at 256 x 340 (``bench/bench_metrics.py``).

    Args:
        frames: ``(T, H, W, 3)`` uint8. masks: ``(T, H, W)`` bool (True = foreground).
        background: ``(H, W, 3)`` uint8, the same for every frame.
    """
    masks = np.asarray(masks, dtype=bool)
    if frames.shape[:3] != masks.shape or background.shape != frames.shape[1:]:
        raise ValueError(f'shape mismatch: frames {frames.shape}, masks {masks.shape}, '
                         f'background {background.shape}')
    select = np.repeat(masks[..., None], frames.shape[-1], axis=-1).view(np.uint8)
    np.negative(select, out=select)  # 1 -> 255: every bit of a foreground byte set
    out = np.bitwise_and(frames, select)
    out |= background & ~select
    return out


def alpha_composite(background: np.ndarray,
                    layers: Sequence[Tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Soft-mask compositing, one layer after the other, in float.

    For each ``(colour, alpha)`` in ``layers`` (first = bottom):
    ``frames = colour * alpha + frames * (1 - alpha)``.

    Args:
        background: ``(H, W, 3)`` (the same for every frame) or ``(T, H, W, 3)``.
        layers: ``colour`` broadcastable to ``(T, H, W, 3)`` (e.g. one ``(H, W, 3)`` colour
            image), ``alpha`` ``(T, H, W)`` in [0, 1].

    Returns:
        np.ndarray: float ``(T, H, W, 3)``.
    """
    frames = np.broadcast_to(background, layers[0][1].shape + (3, )).copy() \
        if background.ndim == 3 else background.copy()
    for colour, alpha in layers:
        a = alpha[..., None]
        frames = colour * a + frames * (1 - a)
    return frames


def still_clip(frames: np.ndarray, index: Union[int, str] = 'middle') -> np.ndarray:
    """Frame ``index`` (``'middle'`` = ``T // 2``) of ``frames`` repeated ``T`` times."""
    t = len(frames)
    index = t // 2 if index == 'middle' else index
    if not -t <= index < t:
        raise IndexError(f'frame index {index} out of range for {t} frames')
    return np.repeat(frames[[index]], t, axis=0)


def place_beside(static: np.ndarray, static_mask: np.ndarray,
                 moving_masks: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Shift a static foreground horizontally so that it does not hide behind the actor.

    Confl-FG draws the moving actor over the static foreground of another video; both are
    often centred. The static frame and mask are translated so that the static mask's
    centroid lands at 3/4 of the width when the moving actor's centroid (over all frames) is
    in the left half, else at 1/4. Uncovered pixels get mask 0 (show the background).
    """
    width = static_mask.shape[1]
    moving_columns = moving_masks.sum(axis=(0, 1), dtype=np.float64)
    static_columns = static_mask.sum(axis=0, dtype=np.float64)
    if not moving_columns.any() or not static_columns.any():
        return static, static_mask
    columns = np.arange(width)
    moving_cx = columns @ moving_columns / moving_columns.sum()
    static_cx = columns @ static_columns / static_columns.sum()
    target = 0.75 * width if moving_cx < width / 2 else 0.25 * width
    shift = int(round(target - static_cx))
    shifted, shifted_mask = np.zeros_like(static), np.zeros_like(static_mask)
    src = slice(max(0, -shift), min(width, width - shift))
    dst = slice(max(0, shift), min(width, width + shift))
    shifted[:, dst], shifted_mask[:, dst] = static[:, src], static_mask[:, src]
    return shifted, shifted_mask
