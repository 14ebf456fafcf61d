"""Common machinery of the batch blendings (``model.data_preprocessor.blending``).

MMAction2 1.x calls ``blending(batch_inputs, data_samples)`` at the end of
:meth:`ActionDataPreprocessor.preprocess`, in training only, on the stacked, normalised
float batch, and takes back ``(batch_inputs, data_samples)``. Two layouts reach it:

- TSN / 2D recognizers (``format_shape='NCHW'``): ``[B, S, C, H, W]``, S segments; the
  segments play the role of time (a "frame" is one segment).
- 3D recognizers (``format_shape='NCTHW'``): ``[B, V, C, T, H, W]``, V views (clips x crops).

Every blending here works on one canonical view of both, ``[B, V, T, C, H, W]`` (TSN: V = 1,
T = S), and returns a tensor in the caller's layout. Blendings never reorder the batch: output
``i`` is built from input ``i`` (and possibly a partner clip), so labels and anything attached
to the data samples (e.g. ALBAR's static clips) stay aligned.

Randomness comes from torch's global generator (seeded by mmengine's ``randomness``), drawn on
the CPU and moved to the batch's device, so a run is reproducible and a resumed run that
restores the torch RNG state continues identically.
"""
import math
from typing import Dict, Optional, Tuple

import torch
import torch.nn.functional as F
from mmaction.utils import SampleList
from mmengine.logging import print_log

from ...utils.checks import check_probability  # noqa: F401 (re-exported)

LAYOUT_HELP = ('TSN inputs [B, S, C, H, W] (format_shape NCHW) or 3D inputs '
               '[B, V, C, T, H, W] (format_shape NCTHW)')


def check_beta_params(alpha, name: str) -> Tuple[float, float]:
    """``alpha`` (one value or a pair) as the two positive, finite Beta parameters."""
    pair = tuple(alpha) if isinstance(alpha, (tuple, list)) else (alpha, alpha)
    if len(pair) != 2:
        raise ValueError(f'{name} must be one value or a pair (a1, a2) of Beta parameters, '
                         f'got {alpha!r}.')
    try:
        a1, a2 = float(pair[0]), float(pair[1])
    except (TypeError, ValueError):
        a1 = a2 = float('nan')
    if not (a1 > 0 and a2 > 0 and math.isfinite(a1) and math.isfinite(a2)):
        raise ValueError(f'{name}: Beta parameters must be finite and > 0, got {alpha!r} '
                         '(e.g. (200, 200) for lam ~ 0.5, (20, 60) for lam ~ 0.25).')
    return a1, a2


def to_clips(imgs: torch.Tensor) -> torch.Tensor:
    """The canonical ``[B, V, T, C, H, W]`` view of a TSN or 3D batch (no copy)."""
    if not isinstance(imgs, torch.Tensor):
        raise TypeError(f'batch blendings take a tensor batch ({LAYOUT_HELP}), got '
                        f'{type(imgs).__name__}.')
    if imgs.dim() == 5:  # [B, S, C, H, W]
        return imgs.unsqueeze(1)
    if imgs.dim() == 6:  # [B, V, C, T, H, W]
        return imgs.permute(0, 1, 3, 2, 4, 5)
    raise ValueError(f'batch blendings take {LAYOUT_HELP}; got a {imgs.dim()}-d batch of '
                     f'shape {tuple(imgs.shape)}.')


def from_clips(clips: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """Back from ``[B, V, T, C, H, W]`` to the layout of ``like`` (contiguous)."""
    if like.dim() == 5:
        return clips.squeeze(1).contiguous()
    return clips.permute(0, 1, 3, 2, 4, 5).contiguous()


def per_clip(mask: torch.Tensor, ndim: int = 6) -> torch.Tensor:
    """A ``[B]`` tensor shaped to broadcast over ``[B, V, T, C, H, W]``."""
    return mask.view(-1, *([1] * (ndim - 1)))


def other_clips(batch_size: int) -> torch.Tensor:
    """For each clip i, a uniformly drawn *other* clip j != i (``[B]``); needs B >= 2."""
    offset = torch.randint(1, batch_size, (batch_size, ))
    return (torch.arange(batch_size) + offset) % batch_size


def hard_or_soft_labels(data_samples: SampleList, num_classes: int,
                        name: str) -> torch.Tensor:
    """``gt_label`` of every sample as a ``[B, K]`` float distribution.

    Hard labels (an integer tensor with one class index) become one-hot rows; soft labels
    (a float tensor with K entries, e.g. from an earlier label-mixing blending) are kept.
    """
    rows = []
    for i, sample in enumerate(data_samples):
        if 'gt_label' not in sample:
            raise KeyError(f'{name}: data sample {i} has no gt_label.')
        label = torch.as_tensor(sample.gt_label).detach().cpu()
        if label.is_floating_point() and label.numel() == num_classes:
            rows.append(label.reshape(-1).float())
            continue
        if label.numel() != 1:
            raise ValueError(f'{name}: data sample {i} has gt_label of shape '
                             f'{tuple(label.shape)}: expected one class index or a soft label '
                             f'with num_classes={num_classes} entries.')
        index = int(label.reshape(-1)[0])
        if not 0 <= index < num_classes:
            raise ValueError(f'{name}: label {index} of data sample {i} is outside '
                             f'[0, {num_classes}); set num_classes to the class count of the '
                             'model head.')
        rows.append(F.one_hot(torch.tensor(index), num_classes).float())
    return torch.stack(rows)


class BaseVideoBlending:
    """Base class: layout handling, per-clip probability and the blending protocol.

    A subclass implements

    - :meth:`sample_params` -- draws everything random for one batch (mixing weights, partner
      clips, frame indices, which clips are mixed) and returns it as a dict, or None to leave
      the batch as it is;
    - :meth:`apply` -- the deterministic blend of the canonical ``[B, V, T, C, H, W]`` batch
      with those parameters (and may update the data samples' labels).

    Splitting the two lets tests pin the random draws (known lam, known frame, known mask)
    and check the arithmetic by hand.

    Args:
        prob (float): Probability that a clip is blended (drawn independently per clip).
    """

    def __init__(self, prob: float = 1.0) -> None:
        self.prob = check_probability(prob, f'{type(self).__name__}: prob')
        self._warned = set()

    def __call__(self, imgs: torch.Tensor, data_samples: SampleList,
                 **kwargs) -> Tuple[torch.Tensor, SampleList]:
        if kwargs:
            raise TypeError(f'{type(self).__name__} got unexpected arguments {sorted(kwargs)}.')
        clips = to_clips(imgs)
        if data_samples is not None and len(data_samples) != clips.shape[0]:
            raise ValueError(f'{type(self).__name__}: {clips.shape[0]} clips but '
                             f'{len(data_samples)} data samples.')
        params = self.sample_params(clips, data_samples)
        if params is None:
            return imgs, data_samples
        out = self.apply(clips, params, data_samples)
        return from_clips(out, imgs), data_samples

    def sample_params(self, clips: torch.Tensor,
                      data_samples: SampleList) -> Optional[Dict[str, torch.Tensor]]:
        raise NotImplementedError

    def apply(self, clips: torch.Tensor, params: Dict[str, torch.Tensor],
              data_samples: SampleList) -> torch.Tensor:
        raise NotImplementedError

    def draw_mixed(self, batch_size: int) -> torch.Tensor:
        """Which clips are blended: ``[B]`` bool, each True with probability ``prob``."""
        return torch.rand(batch_size) < self.prob

    def warn_once(self, key: str, message: str) -> None:
        if key not in self._warned:
            self._warned.add(key)
            print_log(f'{type(self).__name__}: {message}', logger='current', level=30)

    def need_partners(self, batch_size: int) -> bool:
        """False (and a one-time warning) when the batch has no second clip to blend with."""
        if batch_size >= 2:
            return True
        self.warn_once('single', 'a batch with one clip has no other clip to blend with; it is '
                       'left unblended (use a per-GPU batch size >= 2).')
        return False

    def __repr__(self) -> str:
        return f'{type(self).__name__}(prob={self.prob})'

