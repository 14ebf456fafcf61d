from typing import Dict

import torch
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from .base import BaseVideoBlending, per_clip
from ...utils.checks import check_choice

#: ``lam_per`` values: one blend weight per batch (the released code) or per clip.
LAM_PER = ('batch', 'clip')


@MODELS.register_module()
class BEBlending(BaseVideoBlending):
    r"""Background Erasing (BE), supervised port: add a still frame of the clip itself.

    BE (Wang, Gao, Li, Lin, Ma, Cheng, Peng, Ji & Sun, "Removing the Background by Adding the
    Background: Towards Background Robust Self-supervised Video Representation Learning",
    CVPR 2021) adds a static frame of the *same* video to every frame as a distractor; the
    paper uses it as a self-supervised pretext, here it is the supervised port of the ALBAR /
    StillMix comparisons:

    .. math:: x' = (1 - \lambda)\, x + \lambda\, x_{t_j}, \qquad
              \lambda \sim U(0, \gamma),\ t_j \sim U\{0, \dots, T-1\},

    with :math:`x_{t_j}` a uniformly drawn frame of the clip repeated over time (t_j drawn per
    clip); each clip is blended with probability ``prob`` and keeps its label. The clip's
    static content is unchanged in expectation while its motion is damped, so the network is
    pushed to rely on what moves.

    **One lambda per batch** (``lam_per='batch'``, the default) as in the released code: the
    authors' ``SpatialMixup.mixup_data`` (``FingerRec/BE``,
    ``src/Contrastive/augment/basic_augmentation/mixup_methods.py``, version 2, used with
    alpha = 0.3 by ``augment/gen_positive.py``) draws ``random() * 0.3`` once per call, and so
    does the supervised port of the StillMix code (``lihaoxin05/StillMix``,
    ``mmaction/datasets/blending_utils.py``, ``BEIntraBlending``: ``Beta(1, 1).sample() *
    0.3``); the frame t_j is drawn per clip in both. ``lam_per='clip'`` draws one lambda per
    clip instead (this component's behaviour before the switch existed; a named departure,
    kept to reproduce runs made with it).

    Authors' defaults: gamma = 0.3 (lam = 0.3 * U(0, 1)); probability 0.25-0.75 in the
    comparison runs (0.5 here).

    Works on TSN inputs ``[B, S, C, H, W]`` (a frame is a segment) and 3D inputs
    ``[B, V, C, T, H, W]`` (each view adds its own frame at index t_j; the StillMix port draws
    t_j per view, the same thing for the usual single training view).

    Args:
        prob (float): Probability that a clip is blended. Defaults to 0.5.
        gamma (float): Upper bound of the blend weight, in (0, 1]. Defaults to 0.3.
        lam_per (str): ``'batch'`` (one lambda for the whole batch, the released code) or
            ``'clip'`` (one per clip). Defaults to ``'batch'``.
    """

    def __init__(self, prob: float = 0.5, gamma: float = 0.3, lam_per: str = 'batch') -> None:
        super().__init__(prob)
        check_choice(lam_per, LAM_PER, 'BEBlending: lam_per',
                     ' (one lambda per batch as in the released code, or one per clip)')
        self.lam_per = lam_per
        try:
            gamma = float(gamma)
        except (TypeError, ValueError):
            gamma = float('nan')
        if not 0.0 < gamma <= 1.0:
            raise ValueError(f'BEBlending: gamma must be in (0, 1], got {gamma!r}.')
        self.gamma = gamma

    def sample_params(self, clips: torch.Tensor,
                      data_samples: SampleList) -> Dict[str, torch.Tensor]:
        batch, _, num_frames = clips.shape[:3]
        return dict(
            lam=self.draw_lam(batch),
            src_frame=torch.randint(num_frames, (batch, )),
            mixed=self.draw_mixed(batch))

    def draw_lam(self, batch: int) -> torch.Tensor:
        """``[B]`` blend weights: U(0, gamma), one shared by the batch or one per clip."""
        if self.lam_per == 'batch':
            return (torch.rand(1) * self.gamma).expand(batch).clone()
        return torch.rand(batch) * self.gamma

    def apply(self, clips: torch.Tensor, params: Dict[str, torch.Tensor],
              data_samples: SampleList) -> torch.Tensor:
        device = clips.device
        lam = per_clip(torch.as_tensor(params['lam'], dtype=clips.dtype).to(device))
        src_frame = torch.as_tensor(params['src_frame'], dtype=torch.long).to(device)
        mixed = torch.as_tensor(params['mixed'], dtype=torch.bool).to(device)
        batch = clips.shape[0]
        still = clips[torch.arange(batch, device=device), :, src_frame]  # [B, V, C, H, W]
        blended = (1 - lam) * clips + lam * still.unsqueeze(2)
        return torch.where(per_clip(mixed), blended, clips)

    def __repr__(self) -> str:
        return f'BEBlending(prob={self.prob}, gamma={self.gamma}, lam_per={self.lam_per!r})'
