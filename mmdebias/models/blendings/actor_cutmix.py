from typing import Dict, Optional

import torch
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from .base import BaseVideoBlending, other_clips, per_clip


@MODELS.register_module()
class ActorCutMixBlending(BaseVideoBlending):
    r"""ActorCutMix: paste the actors of each clip onto another clip's frames.

    ActorCutMix (Zou, Choi, Wang & Huang, "Learning Representational Invariances for
    Data-Efficient Action Recognition", CVIU 2023 / arXiv 2103.16565). With :math:`m_{i,t}`
    the actor mask of frame t of clip i (union of the person boxes) and j a uniformly drawn
    other clip of the batch,

    .. math:: x'_{i,t} = m_{i,t} \odot x_{i,t} + (1 - m_{i,t}) \odot x_{j,t},

    label of i (the actors, and so the action, are i's; the scene is j's). Each clip is
    blended with probability ``prob``. Clip j's own actors stay visible where i has none.

    The masks come from the person-detection cache (``tools/data/detect_humans.py``; for
    MotionShapes the generator writes the actor boxes in that format): put
    ``dict(type='LoadActorMask', cache_root=..., data_root=...)`` in the training pipeline
    after the spatial transforms and add ``'actor_mask'`` to
    ``PackActionInputs(algorithm_keys=...)``. The mask (uint8 / bool ``[F, H, W]``, F = V x T
    frames in sampling order) then rides on each data sample. **A clip whose mask is empty
    (no person detected in its sampled frames) is left unmixed**: pasting "no actor" would
    give clip j's content with clip i's label.

    Authors' defaults: person boxes from an off-the-shelf detector; probability not fixed
    (0.5 here).

    Args:
        prob (float): Probability that a clip is blended. Defaults to 0.5.
        mask_key (str): Data-sample field holding the mask. Defaults to ``'actor_mask'``.
    """

    def __init__(self, prob: float = 0.5, mask_key: str = 'actor_mask') -> None:
        super().__init__(prob)
        self.mask_key = mask_key

    def actor_masks(self, clips: torch.Tensor, data_samples: SampleList) -> torch.Tensor:
        """Stack the samples' masks as ``[B, V, T, 1, H, W]`` float on the clips' device."""
        batch, views, frames, _, height, width = clips.shape
        masks = []
        for i, sample in enumerate(data_samples):
            if self.mask_key not in sample:
                raise KeyError(
                    f'ActorCutMixBlending: data sample {i} has no {self.mask_key!r}. Add '
                    "dict(type='LoadActorMask', cache_root=..., data_root=...) to the training "
                    'pipeline (after the spatial transforms) and '
                    f"PackActionInputs(algorithm_keys=('{self.mask_key}', ...)).")
            mask = torch.as_tensor(sample.get(self.mask_key))
            if mask.shape != (views * frames, height, width):
                raise ValueError(
                    f'ActorCutMixBlending: data sample {i} has a {self.mask_key} of shape '
                    f'{tuple(mask.shape)}, expected ({views * frames}, {height}, {width}) '
                    f'(frames x H x W of its {views} view(s) of {frames} frames); '
                    'LoadActorMask must come after all transforms that change the frames.')
            masks.append(mask)
        stacked = torch.stack(masks).to(device=clips.device, dtype=clips.dtype)
        return stacked.view(batch, views, frames, 1, height, width)

    def sample_params(self, clips: torch.Tensor,
                      data_samples: SampleList) -> Optional[Dict[str, torch.Tensor]]:
        batch = clips.shape[0]
        if not self.need_partners(batch):
            return None
        return dict(partner=other_clips(batch), mixed=self.draw_mixed(batch))

    def apply(self, clips: torch.Tensor, params: Dict[str, torch.Tensor],
              data_samples: SampleList) -> torch.Tensor:
        device = clips.device
        mask = params.get('mask')
        mask = self.actor_masks(clips, data_samples) if mask is None else torch.as_tensor(
            mask).to(device=device, dtype=clips.dtype)
        partner = torch.as_tensor(params['partner'], dtype=torch.long).to(device)
        mixed = torch.as_tensor(params['mixed'], dtype=torch.bool).to(device)
        has_actor = mask.flatten(1).amax(dim=1) > 0
        pasted = mask * clips + (1 - mask) * clips[partner]
        return torch.where(per_clip(mixed & has_actor), pasted, clips)

    def __repr__(self) -> str:
        return f'ActorCutMixBlending(prob={self.prob}, mask_key={self.mask_key!r})'
