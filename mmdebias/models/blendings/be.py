from typing import Dict

import torch
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from .base import BaseVideoBlending, per_clip


@MODELS.register_module()
class BEBlending(BaseVideoBlending):
    r"""Background Erasing (BE), supervised port: add a still frame of the clip itself.

    BE (Wang, Gao, Li, Huang, Chen & Ye, "Removing the Background by Adding the Background:
    Towards Background Robust Self-supervised Video Representation Learning", CVPR 2021)
    adds a static frame of the *same* video to every frame as a distractor; the paper uses
    it as a self-supervised pretext, here it is the supervised port of the ALBAR comparison:

    .. math:: x' = (1 - \lambda)\, x + \lambda\, x_{t_j}, \qquad
              \lambda \sim U(0, \gamma),\ t_j \sim U\{0, \dots, T-1\},

    with :math:`x_{t_j}` a uniformly drawn frame of the clip repeated over time; lam and
    t_j are drawn per clip, each clip is blended with probability ``prob`` and keeps its label.
    The clip's static content is unchanged in expectation while its motion is damped, so the
    network is pushed to rely on what moves.

    Authors' defaults: gamma = 0.3 (lam = 0.3 * U(0, 1)); probability 0.25-0.75 in the
    comparison runs (0.5 here).

    Works on TSN inputs ``[B, S, C, H, W]`` (a frame is a segment) and 3D inputs
    ``[B, V, C, T, H, W]`` (each view takes frame t_j of its own).

    Args:
        prob (float): Probability that a clip is blended. Defaults to 0.5.
        gamma (float): Upper bound of the blend weight, in (0, 1]. Defaults to 0.3.
    """

    def __init__(self, prob: float = 0.5, gamma: float = 0.3) -> None:
        super().__init__(prob)
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
            lam=torch.rand(batch) * self.gamma,
            src_frame=torch.randint(num_frames, (batch, )),
            mixed=self.draw_mixed(batch))

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
        return f'BEBlending(prob={self.prob}, gamma={self.gamma})'
