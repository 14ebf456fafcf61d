from typing import Dict, Optional

import torch
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from .base import BaseVideoBlending, hard_or_soft_labels, other_clips, per_clip
from ...utils.checks import check_choice

#: ``label_mode`` values: mix the labels by the actors' area (released code) or keep the
#: actor clip's label.
LABEL_MODES = ('released', 'actor')
#: ``partner_actors`` values: remove the partner clip's own actors from the background it
#: gives (released code) or keep them.
PARTNER_ACTORS = ('remove', 'keep')


@MODELS.register_module()
class ActorCutMixBlending(BaseVideoBlending):
    r"""ActorCutMix: paste the actors of each clip onto another clip's background.

    ActorCutMix (Zou, Choi, Wang & Huang, "Learning Representational Invariances for
    Data-Efficient Action Recognition", CVIU 2023 / arXiv 2103.16565). With :math:`m_i` the
    actor mask of clip i (per frame, the union of the person boxes), :math:`m_j` that of a
    uniformly drawn other clip j of the batch and :math:`a_i` the fraction of clip i's pixels
    (all frames) inside its mask,

    .. math:: x'_i = m_i \odot x_i + (1 - m_i) \odot (1 - m_j) \odot x_j, \qquad
              y'_i = w_i\, y_i + (1 - w_i)\, y_j, \quad w_i = 1 - (1 - a_i)^4,

    as in the released code (``vt-vl-lab/video-data-aug``,
    ``mmaction/models/recognizers/base_supervised_aug.py`` for the paste and
    ``recognizer3d_supervised_aug.py`` for the label weight ``-(ratio - 1) ** 4 + 1``; the
    same in the StillMix authors' port, ``lihaoxin05/StillMix``,
    ``mmaction/datasets/blending_utils.py``, ``ActorCutmixBlending``): clip j's actors are
    removed from the background it gives (they become 0, the dataset mean after
    normalisation), and the label keeps weight :math:`w_i` on the actors' class and gives the
    rest to the scene's (a clip whose actors fill 10% of it keeps 34% of its label, one at
    50% keeps 94%). Each clip is blended with probability ``prob``; labels become soft
    ``[num_classes]`` float tensors on every sample (one-hot where a clip was not blended),
    like MMAction2's ``BaseMiniBatchBlending``: the stock heads' ``CrossEntropyLoss`` takes
    them as probability targets, :math:`-\sum_k y'_k \log \mathrm{softmax}(z)_k`.

    Switches (named departures, for runs made before they existed):
    ``label_mode='actor'`` keeps clip i's own label (no ``num_classes`` needed);
    ``partner_actors='keep'`` leaves clip j's actors visible where clip i has none.

    Other departures from the released code, deliberate: ``prob`` is drawn per clip (as the
    StillMix port; the authors' ``base_supervised_aug.py`` applies ActorCutMix to a whole
    batch with probability 0.5); the partner is a uniformly drawn other clip (the release
    pairs clip i with clip B-1-i by flipping the batch, so the middle clip of an odd batch is
    never mixed); a partner without any detected actor gives its whole frame (the release
    sets an empty mask to all-actor "so that we won't mess up the label" of that clip, which
    as a side effect blanks the whole background it gives to its partner).

    The masks come from the person-detection cache (``tools/data/detect_humans.py``; for
    MotionShapes the generator writes the actor boxes in that format): put
    ``dict(type='LoadActorMask', cache_root=..., data_root=...)`` in the training pipeline
    after the spatial transforms and add ``'actor_mask'`` to
    ``PackActionInputs(algorithm_keys=...)``. The mask (uint8 / bool ``[F, H, W]``, F = V x T
    frames in sampling order) then rides on each data sample. **A clip whose mask is empty
    (no person detected in its sampled frames) is left unmixed** and keeps its label, as in
    the release.

    Authors' defaults: person boxes from an off-the-shelf detector; probability 0.5 (the
    StillMix comparison: 0.75).

    Args:
        prob (float): Probability that a clip is blended. Defaults to 0.5.
        mask_key (str): Data-sample field holding the mask. Defaults to ``'actor_mask'``.
        num_classes (int, optional): Classes of the head; needed to mix labels
            (``label_mode='released'``).
        label_mode (str): ``'released'`` (mix by :math:`w_i`) or ``'actor'`` (keep the
            actor clip's label). Defaults to ``'released'``.
        partner_actors (str): ``'remove'`` (the released code) or ``'keep'``.
            Defaults to ``'remove'``.
    """

    def __init__(self,
                 prob: float = 0.5,
                 mask_key: str = 'actor_mask',
                 num_classes: Optional[int] = None,
                 label_mode: str = 'released',
                 partner_actors: str = 'remove') -> None:
        super().__init__(prob)
        check_choice(label_mode, LABEL_MODES, 'ActorCutMixBlending: label_mode')
        check_choice(partner_actors, PARTNER_ACTORS, 'ActorCutMixBlending: partner_actors')
        if label_mode == 'released' and (isinstance(num_classes, bool) or
                                         not isinstance(num_classes, int) or num_classes < 2):
            raise ValueError(
                "ActorCutMixBlending: label_mode='released' mixes the labels and needs "
                f'num_classes, the class count of the head (an int >= 2), got {num_classes!r}; '
                "e.g. num_classes={{_base_.model.cls_head.num_classes}} in a config, or "
                "label_mode='actor' to keep the actor clip's label.")
        self.num_classes = num_classes
        self.mask_key = mask_key
        self.label_mode = label_mode
        self.partner_actors = partner_actors

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
        background = clips[partner]
        if self.partner_actors == 'remove':
            background = (1 - mask[partner]) * background
        pasted = mask * clips + (1 - mask) * background
        used = mixed & has_actor
        if self.label_mode == 'released':
            self.mix_labels(data_samples, mask, partner, used)
        return torch.where(per_clip(used), pasted, clips)

    def mix_labels(self, data_samples: SampleList, mask: torch.Tensor, partner: torch.Tensor,
                   used: torch.Tensor) -> None:
        """``y'_i = w_i y_i + (1 - w_i) y_j``, ``w_i = 1 - (1 - a_i)^4`` on the blended clips
        (1 elsewhere), written back to the samples as soft labels."""
        area = mask.detach().flatten(1).float().mean(dim=1).cpu()
        weight = torch.where(used.cpu(), 1 - (1 - area)**4, torch.ones_like(area))
        labels = hard_or_soft_labels(data_samples, self.num_classes, 'ActorCutMixBlending')
        weight = weight.unsqueeze(1)
        mixed_labels = weight * labels + (1 - weight) * labels[partner.cpu()]
        for sample, label in zip(data_samples, mixed_labels):
            sample.set_gt_label(label.to(mask.device))

    def __repr__(self) -> str:
        return (f'ActorCutMixBlending(num_classes={self.num_classes}, prob={self.prob}, '
                f'mask_key={self.mask_key!r}, label_mode={self.label_mode!r}, '
                f'partner_actors={self.partner_actors!r})')
