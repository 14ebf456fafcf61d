import math
from typing import Dict, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from .base import BaseVideoBlending, other_clips, per_clip
from ...utils.checks import check_choice

IMAGENET_MEAN = (123.675, 116.28, 103.53)
IMAGENET_STD = (58.395, 57.12, 57.375)
#: ``binning`` values: the released code's ``round(c * (n - 1))`` or ``floor(c * n)``.
BINNINGS = ('released', 'uniform')


@MODELS.register_module()
class FAMEBlending(BaseVideoBlending):
    r"""FAME: paste each clip's moving foreground onto another clip's background.

    FAME (Ding, Li, Yang, Qian, Xu, Chen, Wang & Xiong, "Motion-aware Contrastive Video
    Representation Learning via Foreground-background Merging", CVPR 2022). Per clip i (and
    view), one foreground mask m for all frames, then

    .. math:: x'_i = m_i \odot x_i + (1 - m_i) \odot x_{j}, \qquad j \ne i,

    with j a uniformly drawn other clip of the batch; each clip is blended with probability
    ``prob``; the label of i is kept (its motion stays, the background becomes j's).

    The mask (:func:`fame_mask`), on the de-normalised clip (RGB in [0, 1]):

    1. motion map D = mean over t of sum over channels ``|x_{t+1} - x_t|``, Gaussian-blurred
       (kernel = 10% of the frame side, odd; sigma = kernel / 3), min-max normalised;
    2. colour refinement: the mean frame in HSV, colours quantised into
       ``bins`` = (10, 10, 10) cells over (s cos 2 pi h, s sin 2 pi h, v) (each mapped to
       [0, 1], see ``binning``); the top
       ``fg_seed`` = 50% pixels of D are foreground seeds, the bottom ``bg_seed`` = 10%
       background seeds; with the normalised colour histograms of the seeds (background
       counts + 1), each pixel's foreground score is
       p_fg(c) / (p_fg(c) + p_bg(c)) for its colour c; blurred and min-max normalised again;
    3. the top ``beta`` = 50% of the pixels form the binary mask m.

    Authors' defaults: beta = 0.5 (foreground fraction), seeds 50% / 10%, blur kernel 10% of
    the crop, probability 0.25-0.5 in the comparison runs (0.5 here). Inputs need >= 2 frames
    along time; for TSN the frames are the S segments (differences between segments).
    ``mean`` / ``std`` must be the data preprocessor's (the mask needs RGB colours).

    **Colour bins.** ``binning='released'`` (default) quantises each coordinate c in [0, 1]
    into n cells as the authors' code does, ``round(c * (n - 1) + 1) - 1`` (the released
    ``torch.round(hx * (dimH - 1) + 1)``, cells 1..n there, 0..n-1 here: half-width cells at
    both ends; ``Mark12Ding/FAME``, ``moco/loader.py``, ``FAME.getSeg``, and the same in the
    StillMix authors' port, ``lihaoxin05/StillMix``, ``mmaction/datasets/blending_utils.py``,
    ``FameBlending.getSeg``); ``binning='uniform'`` uses n equal cells, ``floor(c * n)`` (this
    component's behaviour before the switch existed; kept to reproduce runs made with it).

    **Hue unit, a deliberate departure.** The released code takes the hue from
    ``kornia.color.rgb_to_hsv``, which returns it in radians (0..2 pi), and multiplies it by
    2 pi again (``torch.cos(img_h * 2 * np.pi)``): the colour-disc angle then winds about six
    times around the hue circle, so hues about 57 degrees apart share a cell. That is a unit
    bug, not a design choice; this component uses the hue in turns (0..1), i.e. the angle
    2 pi h the formula intends, with either ``binning``.

    Args:
        prob (float): Probability that a clip is blended. Defaults to 0.5.
        beta (float): Fraction of pixels kept as foreground, in (0, 1). Defaults to 0.5.
        mean (Sequence[float]): Data preprocessor mean (RGB, 0-255).
            Defaults to the ImageNet mean MMAction2 configs use.
        std (Sequence[float]): Data preprocessor std. Defaults to the ImageNet std.
        fg_seed (float): Fraction of pixels (highest motion) seeding the foreground colours.
        bg_seed (float): Fraction of pixels (lowest motion) seeding the background colours.
        bins (tuple[int, int, int]): Colour quantisation cells. Defaults to (10, 10, 10).
        binning (str): ``'released'`` (``round(c * (n - 1))``) or ``'uniform'``
            (``floor(c * n)``). Defaults to ``'released'``.
        kernel_fraction (float): Blur kernel size as a fraction of min(H, W). Defaults to 0.1.
    """

    def __init__(self,
                 prob: float = 0.5,
                 beta: float = 0.5,
                 mean: Sequence[float] = IMAGENET_MEAN,
                 std: Sequence[float] = IMAGENET_STD,
                 fg_seed: float = 0.5,
                 bg_seed: float = 0.1,
                 bins: Tuple[int, int, int] = (10, 10, 10),
                 kernel_fraction: float = 0.1,
                 binning: str = 'released') -> None:
        super().__init__(prob)
        check_choice(binning, BINNINGS, 'FAMEBlending: binning',
                     " (the released code's round(c * (n - 1)) or floor(c * n))")
        self.binning = binning
        for name, value in (('beta', beta), ('fg_seed', fg_seed), ('bg_seed', bg_seed)):
            if not 0.0 < float(value) < 1.0:
                raise ValueError(f'FAMEBlending: {name} must be in (0, 1), got {value!r}.')
        if not 0.0 <= float(kernel_fraction) < 1.0:
            raise ValueError('FAMEBlending: kernel_fraction must be in [0, 1).')
        if len(bins) != 3 or min(int(b) for b in bins) < 1:
            raise ValueError(f'FAMEBlending: bins must be 3 positive ints, got {bins!r}.')
        self.beta = float(beta)
        self.fg_seed = float(fg_seed)
        self.bg_seed = float(bg_seed)
        self.bins = tuple(int(b) for b in bins)
        self.kernel_fraction = float(kernel_fraction)
        self.mean = torch.as_tensor(mean, dtype=torch.float32)
        self.std = torch.as_tensor(std, dtype=torch.float32)
        if self.mean.shape != (3, ) or self.std.shape != (3, ) or not (self.std > 0).all():
            raise ValueError('FAMEBlending: mean and std must be 3 values (RGB), std > 0.')

    def sample_params(self, clips: torch.Tensor,
                      data_samples: SampleList) -> Optional[Dict[str, torch.Tensor]]:
        batch = clips.shape[0]
        if not self.need_partners(batch):
            return None
        mixed = self.draw_mixed(batch)
        return dict(partner=other_clips(batch), mixed=mixed, mask=self.masks(clips))

    def masks(self, clips: torch.Tensor) -> torch.Tensor:
        """Foreground masks of a canonical batch: ``[B, V, H, W]`` with values 0 / 1."""
        if clips.shape[3] != 3:
            raise ValueError(f'FAMEBlending needs RGB clips, got {clips.shape[3]} channels.')
        if clips.shape[2] < 2:
            raise ValueError('FAMEBlending needs >= 2 frames (3D) or segments (TSN) per clip '
                             'to find moving pixels; got 1.')
        batch, views = clips.shape[:2]
        with torch.no_grad():
            mean = self.mean.to(clips.device).view(1, 1, 1, 3, 1, 1)
            std = self.std.to(clips.device).view(1, 1, 1, 3, 1, 1)
            rgb = ((clips.float() * std + mean) / 255.0).clamp(0, 1)
            mask = fame_mask(rgb.flatten(0, 1), self.beta, self.fg_seed, self.bg_seed,
                             self.bins, self.kernel_fraction, self.binning)
        return mask.view(batch, views, *mask.shape[-2:])

    def apply(self, clips: torch.Tensor, params: Dict[str, torch.Tensor],
              data_samples: SampleList) -> torch.Tensor:
        device = clips.device
        partner = torch.as_tensor(params['partner'], dtype=torch.long).to(device)
        mixed = torch.as_tensor(params['mixed'], dtype=torch.bool).to(device)
        mask = torch.as_tensor(params['mask']).to(device=device, dtype=clips.dtype)
        mask = mask.unsqueeze(2).unsqueeze(3)  # [B, V, 1, 1, H, W]: all frames, channels
        fused = mask * clips + (1 - mask) * clips[partner]
        return torch.where(per_clip(mixed), fused, clips)

    def __repr__(self) -> str:
        return (f'FAMEBlending(prob={self.prob}, beta={self.beta}, '
                f'binning={self.binning!r})')


def gaussian_blur(maps: torch.Tensor, kernel_size: int) -> torch.Tensor:
    """Separable Gaussian blur of ``[N, H, W]`` maps, sigma = kernel / 3, reflect padding."""
    if kernel_size <= 1:
        return maps
    sigma = kernel_size / 3.0
    coords = torch.arange(kernel_size, dtype=maps.dtype, device=maps.device)
    coords = coords - (kernel_size - 1) / 2
    kernel = torch.exp(-coords**2 / (2 * sigma**2))
    kernel = kernel / kernel.sum()
    pad = kernel_size // 2
    height, width = maps.shape[-2:]
    mode = 'reflect' if pad < height and pad < width else 'replicate'
    x = F.pad(maps.unsqueeze(1), (pad, pad, pad, pad), mode=mode)
    x = F.conv2d(x, kernel.view(1, 1, 1, -1))
    x = F.conv2d(x, kernel.view(1, 1, -1, 1))
    return x.squeeze(1)


def minmax(maps: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """Scale each ``[H, W]`` map of ``[N, H, W]`` to [0, 1]."""
    flat = maps.flatten(1)
    lo = flat.min(dim=1, keepdim=True)[0]
    hi = flat.max(dim=1, keepdim=True)[0]
    return ((flat - lo) / (hi - lo + eps)).view_as(maps)


def rgb_to_hsv(rgb: torch.Tensor) -> torch.Tensor:
    """``[N, 3, H, W]`` RGB in [0, 1] to HSV with every channel in [0, 1] (hue in turns)."""
    r, g, b = rgb.unbind(1)
    value, argmax = rgb.max(dim=1)
    chroma = value - rgb.min(dim=1)[0]
    safe = torch.where(chroma > 0, chroma, torch.ones_like(chroma))
    hue = torch.where(argmax == 0, ((g - b) / safe) % 6,
                      torch.where(argmax == 1, (b - r) / safe + 2, (r - g) / safe + 4))
    hue = torch.where(chroma > 0, hue / 6.0, torch.zeros_like(hue))
    sat = torch.where(value > 0, chroma / torch.where(value > 0, value, torch.ones_like(value)),
                      torch.zeros_like(value))
    return torch.stack([hue, sat, value], dim=1)


def colour_bins(rgb: torch.Tensor, bins: Tuple[int, int, int],
                binning: str = 'released') -> torch.Tensor:
    """Quantised colour cell of every pixel of ``[N, 3, H, W]`` RGB: ``[N, H*W]`` long.

    Hue and saturation are used as a point of the colour disc (s cos 2 pi h, s sin 2 pi h),
    mapped to [0, 1]^2, so hue wraps around and grey pixels share cells whatever their hue.
    Each coordinate c goes to cell ``round(c * (n - 1) + 1) - 1`` (``binning='released'``,
    the authors' code) or ``floor(c * n)`` (``'uniform'``); the cell of a pixel is
    ``x + n_x * (y + n_y * v)``, the released ``color_map`` minus 1."""
    check_choice(binning, BINNINGS, 'colour_bins: binning')
    hsv = rgb_to_hsv(rgb)
    angle = hsv[:, 0] * 2 * math.pi
    coords = [(hsv[:, 1] * torch.cos(angle) + 1) / 2, (hsv[:, 1] * torch.sin(angle) + 1) / 2,
              hsv[:, 2]]
    cell = torch.zeros_like(coords[0], dtype=torch.long)
    for coord, n in reversed(list(zip(coords, bins))):
        if binning == 'released':
            index = torch.round(coord * (n - 1) + 1).long() - 1
        else:
            index = (coord * n).long()
        cell = cell * n + index.clamp(0, n - 1)
    return cell.flatten(1)


def fame_mask(rgb_clips: torch.Tensor, beta: float = 0.5, fg_seed: float = 0.5,
              bg_seed: float = 0.1, bins: Tuple[int, int, int] = (10, 10, 10),
              kernel_fraction: float = 0.1, binning: str = 'released') -> torch.Tensor:
    """FAME's foreground mask of ``[N, T, 3, H, W]`` RGB clips in [0, 1]: ``[N, H, W]`` 0/1.

    Motion map -> blur -> colour refinement -> blur -> top ``beta`` fraction of pixels
    (ties broken by pixel order, so exactly ``int(beta * H * W)`` pixels are foreground).
    """
    n, _, _, height, width = rgb_clips.shape
    pixels = height * width
    kernel = int(kernel_fraction * min(height, width)) // 2 * 2 + 1
    motion = (rgb_clips[:, 1:] - rgb_clips[:, :-1]).abs().sum(dim=2).mean(dim=1)  # [N, H, W]
    motion = minmax(gaussian_blur(motion, kernel)).flatten(1)

    cells = colour_bins(rgb_clips.mean(dim=1), bins, binning)  # [N, H*W]
    num_cells = bins[0] * bins[1] * bins[2]
    k_fg = max(1, int(fg_seed * pixels))
    k_bg = max(1, int(bg_seed * pixels))
    fg_idx = motion.topk(k_fg, dim=1).indices
    bg_idx = motion.topk(k_bg, dim=1, largest=False).indices
    hist_fg = torch.zeros(n, num_cells, device=rgb_clips.device)
    hist_bg = torch.ones(n, num_cells, device=rgb_clips.device)  # + 1 smoothing
    hist_fg.scatter_add_(1, cells.gather(1, fg_idx), torch.ones_like(fg_idx, dtype=torch.float))
    hist_bg.scatter_add_(1, cells.gather(1, bg_idx), torch.ones_like(bg_idx, dtype=torch.float))
    hist_fg = hist_fg / hist_fg.sum(dim=1, keepdim=True)
    hist_bg = hist_bg / hist_bg.sum(dim=1, keepdim=True)
    p_fg = hist_fg.gather(1, cells)
    p_bg = hist_bg.gather(1, cells)
    score = p_fg / (p_fg + p_bg)
    score = minmax(gaussian_blur(score.view(n, height, width), kernel)).flatten(1)

    keep = max(1, int(beta * pixels))
    # stable ranking: equal scores keep pixel order, so the mask is deterministic
    order = torch.sort(score, dim=1, descending=True, stable=True).indices[:, :keep]
    mask = torch.zeros_like(score)
    mask.scatter_(1, order, 1.0)
    return mask.view(n, height, width)
