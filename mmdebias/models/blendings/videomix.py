from typing import Dict, Optional, Tuple

import torch
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from torch.distributions import Beta

from .base import BaseVideoBlending, check_beta_params, hard_or_soft_labels, other_clips
from ...utils.checks import check_choice

VIDEOMIX_MODES = ('spatial', 'temporal', 'spatiotemporal')


@MODELS.register_module()
class VideoMixBlending(BaseVideoBlending):
    r"""VideoMix: paste a cuboid of another clip, mix the labels by its volume.

    VideoMix (Yun, Oh, Heo, Han & Kim, "VideoMix: Rethinking Data Augmentation for
    Video Classification", arXiv 2012.03457, 2020) -- CutMix for videos. One cuboid
    :math:`Q = [t_1, t_2) \times [y_1, y_2) \times [x_1, x_2)` per batch; for every blended
    clip i and a uniformly drawn other clip j,

    .. math:: x'_i = (1 - M_Q) \odot x_i + M_Q \odot x_j, \qquad
              y'_i = (1 - v)\, y_i + v\, y_j, \quad
              v = \frac{|Q|}{T H W},

    with lam ~ Beta(alpha, alpha) setting the cuboid size and v the volume fraction of the
    cuboid actually pasted (after clipping to the clip). Modes: ``'spatial'`` (S-VideoMix,
    the paper's main variant: a box of sides sqrt(1 - lam) H x sqrt(1 - lam) W over all
    frames), ``'temporal'`` (T-VideoMix: frames [t1, t2), (1 - lam) T of them, whole frame),
    ``'spatiotemporal'`` (ST-VideoMix: each side scaled by (1 - lam)^(1/3)). The box centre
    is uniform and the box is clipped to the clip, as in CutMix (side lengths are
    ``int(size * ratio)``, so a short clip may get an empty temporal extent: no paste, and
    the label stays). Each clip is blended with probability ``prob``.

    Labels become soft ``[num_classes]`` float tensors on **every** sample of the batch
    (one-hot where a clip was not blended), like MMAction2's ``CutmixBlending``; stock heads'
    cross entropy and ``ALBARHead`` accept them. Soft labels from an earlier blending in a
    :class:`BlendingList` are mixed further.

    Authors' defaults: alpha = 1 (lam ~ U(0, 1)), S-VideoMix; probability 1.

    Args:
        num_classes (int): Number of classes of the head.
        alpha (float | tuple[float, float]): Beta parameters. Defaults to 1.0.
        prob (float): Probability that a clip is blended. Defaults to 1.0.
        mode (str): ``'spatial'``, ``'temporal'`` or ``'spatiotemporal'``.
            Defaults to ``'spatial'``.
    """

    def __init__(self,
                 num_classes: int,
                 alpha: float = 1.0,
                 prob: float = 1.0,
                 mode: str = 'spatial') -> None:
        super().__init__(prob)
        if not isinstance(num_classes, int) or num_classes < 2:
            raise ValueError(f'VideoMixBlending: num_classes must be an int >= 2, got '
                             f'{num_classes!r}.')
        check_choice(mode, VIDEOMIX_MODES, 'VideoMixBlending: mode')
        self.num_classes = num_classes
        self.alpha = check_beta_params(alpha, 'VideoMixBlending: alpha')
        self.beta = Beta(*[torch.tensor(a) for a in self.alpha])
        self.mode = mode

    def cuboid(self, lam: float, frames: int, height: int,
               width: int) -> Tuple[int, int, int, int, int, int]:
        """A random cuboid ``(t1, t2, y1, y2, x1, x2)`` for blend weight ``lam``."""
        cut = 1.0 - float(lam)
        if self.mode == 'spatial':
            ratios = (1.0, cut**0.5, cut**0.5)
        elif self.mode == 'temporal':
            ratios = (cut, 1.0, 1.0)
        else:
            ratios = (cut**(1 / 3), ) * 3
        bounds = []
        for size, ratio in zip((frames, height, width), ratios):
            if ratio >= 1.0:
                bounds += [0, size]
                continue
            length = int(size * ratio)
            start = int(torch.randint(size, (1, ))) - length // 2  # uniform centre
            bounds += [min(max(start, 0), size), min(max(start + length, 0), size)]
        return tuple(bounds)

    def sample_params(self, clips: torch.Tensor,
                      data_samples: SampleList) -> Optional[Dict[str, torch.Tensor]]:
        batch, _, frames, _, height, width = clips.shape
        lam = self.beta.sample()
        if not self.need_partners(batch):  # nothing to paste, labels still made soft
            return dict(lam=lam, box=(0, 0, 0, 0, 0, 0), partner=torch.arange(batch),
                        mixed=torch.zeros(batch, dtype=torch.bool))
        return dict(lam=lam, box=self.cuboid(lam, frames, height, width),
                    partner=other_clips(batch), mixed=self.draw_mixed(batch))

    def apply(self, clips: torch.Tensor, params: Dict[str, torch.Tensor],
              data_samples: SampleList) -> torch.Tensor:
        device = clips.device
        frames, _, height, width = clips.shape[2:]
        t1, t2, y1, y2, x1, x2 = (int(v) for v in params['box'])
        partner = torch.as_tensor(params['partner'], dtype=torch.long).to(device)
        mixed = torch.as_tensor(params['mixed'], dtype=torch.bool).to(device)
        volume = max(t2 - t1, 0) * max(y2 - y1, 0) * max(x2 - x1, 0) / (frames * height * width)

        out = clips.clone()
        rows = mixed.nonzero().view(-1)
        if len(rows) and volume > 0:
            out[rows, :, t1:t2, :, y1:y2, x1:x2] = clips[partner[rows], :, t1:t2, :, y1:y2,
                                                         x1:x2]
        labels = hard_or_soft_labels(data_samples, self.num_classes, 'VideoMixBlending')
        weight = mixed.cpu().float().unsqueeze(1) * volume
        mixed_labels = (1 - weight) * labels + weight * labels[partner.cpu()]
        for sample, label in zip(data_samples, mixed_labels):
            sample.set_gt_label(label.to(device))
        return out

    def __repr__(self) -> str:
        return (f'VideoMixBlending(num_classes={self.num_classes}, alpha={self.alpha}, '
                f'prob={self.prob}, mode={self.mode!r})')
