from typing import Dict, Optional, Union

import torch
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from .base import BaseVideoBlending, other_clips, per_clip


@MODELS.register_module()
class StaticSwapBlending(BaseVideoBlending):
    r"""Swap a clip's static view for another clip's, keep its motion and label (mmdebias).

    An mmdebias method, not a published one. The static view of clip :math:`x` is one of its
    frames repeated over time, :math:`x_s = x_{t^*}` (the frame ALBAR's static clip repeats).
    Everything that does not change over time -- the scene, a still actor's appearance -- is
    in :math:`x_s`; what is left, :math:`x - x_s`, is what moves. The blending replaces the
    static view by a frame :math:`f` of another clip of the batch:

    .. math:: x' = x - x_{t^*} + f, \qquad \text{label } y \text{ kept},

    each clip with probability ``prob``. Compared with StillMix
    (:math:`\lambda x + (1 - \lambda) f`), the clip's own static cues are removed rather than
    diluted and its motion keeps its full amplitude: the swapped clip shows clip i's
    movement over clip j's scene, so any static cue of the batch disagrees with the label
    about as often as a random one, while motion still predicts it. (Where the actor was at
    :math:`t^*` a faint negative of it remains; at :math:`t^*` itself the frame is exactly
    :math:`f`.)

    With ``permute_channels=True`` the moving part is also recoloured: a random permutation
    :math:`P` of the colour channels (one per clip, identity included) is applied to it,
    :math:`x' = P(x - x_{t^*}) + f`, so the appearance of what moves (an actor's clothes, a
    coloured shape) stops predicting the label as well, while its shape and motion do not
    change. (Channels are assumed normalised alike, as with one mean / std for all.)

    Args:
        prob (float): Probability that a clip is swapped. Defaults to 0.5.
        frame_index (int | str): :math:`t^*`: ``'middle'`` (``T // 2``) or an index in
            ``[-T, T)``. Defaults to ``'middle'``.
        permute_channels (bool): Recolour the moving part. Defaults to False.
    """

    def __init__(self, prob: float = 0.5, frame_index: Union[int, str] = 'middle',
                 permute_channels: bool = False) -> None:
        super().__init__(prob)
        if not isinstance(permute_channels, bool):
            raise TypeError(f'StaticSwapBlending: permute_channels must be a bool, got '
                            f'{permute_channels!r}.')
        self.permute_channels = permute_channels
        if isinstance(frame_index, bool) or not (isinstance(frame_index, int) or
                                                 frame_index == 'middle'):
            raise ValueError(f"StaticSwapBlending: frame_index must be an int or 'middle', "
                             f'got {frame_index!r}.')
        self.frame_index = frame_index

    def sample_params(self, clips: torch.Tensor,
                      data_samples: SampleList) -> Optional[Dict[str, torch.Tensor]]:
        batch, _, num_frames = clips.shape[:3]
        index = num_frames // 2 if self.frame_index == 'middle' else self.frame_index
        if not -num_frames <= index < num_frames:
            raise ValueError(f'StaticSwapBlending: frame_index={index} is out of range for '
                             f'clips of {num_frames} frames.')
        if not self.need_partners(batch):
            return None
        params = dict(mixed=self.draw_mixed(batch), src_clip=other_clips(batch),
                      src_frame=torch.randint(num_frames, (batch, )),
                      own_frame=torch.tensor(index % num_frames))
        if self.permute_channels:
            channels = clips.shape[3]
            params['channel_order'] = torch.stack(
                [torch.randperm(channels) for _ in range(batch)])
        return params

    def apply(self, clips: torch.Tensor, params: Dict[str, torch.Tensor],
              data_samples: SampleList) -> torch.Tensor:
        device = clips.device
        mixed = torch.as_tensor(params['mixed'], dtype=torch.bool).to(device)
        src_clip = torch.as_tensor(params['src_clip'], dtype=torch.long).to(device)
        src_frame = torch.as_tensor(params['src_frame'], dtype=torch.long).to(device)
        own = clips[:, :, int(params['own_frame'])].unsqueeze(2)  # [B, V, 1, C, H, W]
        still = clips[src_clip, :, src_frame].unsqueeze(2)
        moving = clips - own
        if 'channel_order' in params:  # [B, C]: recolour what moves, clip by clip
            order = torch.as_tensor(params['channel_order'], dtype=torch.long).to(device)
            index = order.view(order.shape[0], 1, 1, -1, 1, 1).expand_as(moving)
            moving = moving.gather(3, index)
        swapped = moving + still
        return torch.where(per_clip(mixed), swapped, clips)

    def __repr__(self) -> str:
        return (f'StaticSwapBlending(prob={self.prob}, frame_index={self.frame_index!r}, '
                f'permute_channels={self.permute_channels})')
