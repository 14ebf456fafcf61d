from typing import Dict, Optional, Sequence, Tuple, Union

import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from torch.distributions import Beta

from .base import BaseVideoBlending, check_beta_params, other_clips, per_clip
from .frame_bank import load_frame_bank


@MODELS.register_module()
class StillMixBlending(BaseVideoBlending):
    r"""StillMix: blend every clip with a still frame, keep the label.

    StillMix (Li, Liu, Zhang & Li, "Mitigating and Evaluating Static Bias of Action
    Representations in the Background and the Foreground", ICCV 2023). For clip x (all its
    frames) and a still frame f repeated over time,

    .. math:: x' = \lambda\, x + (1 - \lambda)\, f, \qquad
              \lambda \sim \mathrm{Beta}(a_1, a_2) \text{ (one draw per batch)},

    each clip mixed independently with probability ``prob``; the label is kept (the still
    frame carries no motion, so the network must not take the label from it).

    Two sources of f:

    - **random variant** (``bank_file=None``): f is a uniformly drawn frame of a uniformly
      drawn *other* clip of the batch (the variant in ALBAR's released code, p = 0.75). A
      batch of one clip is left unblended (warned once).
    - **frame-bank variant** (``bank_file='bank.npz'``): f is a uniformly drawn frame of a
      bank of frames that a 2D reference network (the 2D version of the backbone, trained on
      single frames with the video label) classifies with high confidence -- the frames whose
      static content is most predictive, i.e. the strongest static cues. The bank (``frames``
      uint8 [N, H, W, 3] RGB, raw) is built by ``tools/data/stillmix_frame_bank.py``: every
      training frame scored, frames ranked by the reference network's top-1 confidence, the
      quantile slice [0.5, 1] kept, N = 1024 frames drawn. Frames are normalised at draw time
      with ``mean`` / ``std`` (required; set them to the data preprocessor's) and resized
      (bilinear) to the clip size if the bank was made at another size. The file is read at
      the first training step; a missing or malformed file is an error naming it.

    Authors' defaults: Beta(200, 200) (lam ~ 0.5) in general; Beta(20, 60) / Beta(100, 300)
    (lam ~ 0.25) in their Kinetics-400 configs. Mixing probability: 0.5 (Swin-T
    ImageNet-pretrained, HMDB51), 0.75 (Kinetics-400-pretrained, HMDB51), 0.25 (K400), 0.125
    (SlowFast, K400). Bank quantile [0.5, 1] by default, [0.1, 1] for K400-pretrained Swin-T on
    HMDB51, [0.75, 1] on K400; 1024 frames (2048 for SlowFast on K400). Mixing happens on the
    normalised batch, before the backbone -- where MMAction2 1.x runs ``blending``.

    With ALBAR (``StaticClipSampler``) the static clips are cut from the clips *before* this
    blending, so each static clip is a frame of its own unmixed clip, aligned with its label.

    Args:
        prob (float): Probability that a clip is mixed. Defaults to 0.5.
        alpha (float | tuple[float, float]): Beta parameters (a1, a2); one value means
            (a, a). Defaults to (200., 200.).
        bank_file (str, optional): Frame bank (.npz); None for the random variant.
        mean (Sequence[float], optional): Per-channel mean of the data preprocessor (RGB,
            0-255 scale); required with a bank.
        std (Sequence[float], optional): Per-channel std of the data preprocessor.
    """

    def __init__(self,
                 prob: float = 0.5,
                 alpha: Union[float, Tuple[float, float]] = (200., 200.),
                 bank_file: Optional[str] = None,
                 mean: Optional[Sequence[float]] = None,
                 std: Optional[Sequence[float]] = None) -> None:
        super().__init__(prob)
        self.alpha = check_beta_params(alpha, 'StillMixBlending: alpha')
        self.beta = Beta(*[torch.tensor(a) for a in self.alpha])
        self.bank_file = bank_file
        if bank_file is not None and (mean is None or std is None):
            raise ValueError(
                'StillMixBlending with a frame bank needs mean and std: the bank stores raw '
                'uint8 frames, normalised when drawn like the clips. Set them to the data '
                'preprocessor\'s, e.g. mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, '
                '57.375].')
        self.mean = None if mean is None else torch.as_tensor(mean, dtype=torch.float32)
        self.std = None if std is None else torch.as_tensor(std, dtype=torch.float32)
        for name, value in (('mean', self.mean), ('std', self.std)):
            if value is not None and value.shape != (3, ):
                raise ValueError(f'StillMixBlending: {name} must have 3 values (RGB), got '
                                 f'{value.tolist()}.')
        if self.std is not None and not (self.std > 0).all():
            raise ValueError(f'StillMixBlending: std must be > 0, got {self.std.tolist()}.')
        self._bank = None  # uint8 [N, H, W, 3], loaded at the first use

    @property
    def bank(self) -> torch.Tensor:
        """The bank's frames, uint8 [N, H, W, 3] (read from ``bank_file`` on first access)."""
        if self._bank is None:
            self._bank = torch.from_numpy(load_frame_bank(self.bank_file)['frames'])
        return self._bank

    def sample_params(self, clips: torch.Tensor,
                      data_samples: SampleList) -> Optional[Dict[str, torch.Tensor]]:
        batch, _, num_frames = clips.shape[:3]
        params = dict(lam=self.beta.sample(), mixed=self.draw_mixed(batch))
        if self.bank_file is not None:
            params['bank_index'] = torch.randint(len(self.bank), (batch, ))
            return params
        if not self.need_partners(batch):
            return None
        params['src_clip'] = other_clips(batch)
        params['src_frame'] = torch.randint(num_frames, (batch, ))
        return params

    def still_frames(self, clips: torch.Tensor,
                     params: Dict[str, torch.Tensor]) -> torch.Tensor:
        """The still frame f of every clip and view: ``[B, V, C, H, W]``."""
        device = clips.device
        if 'bank_index' in params:
            index = torch.as_tensor(params['bank_index'], dtype=torch.long)
            frames = self.bank[index.cpu()].to(device).permute(0, 3, 1, 2).float()
            height, width = clips.shape[-2:]
            if frames.shape[-2:] != (height, width):
                self.warn_once('size', f'bank frames are {tuple(frames.shape[-2:])}, clips '
                               f'{(height, width)}: bank frames are resized (bilinear) when '
                               'drawn; build the bank at the training crop size to avoid it.')
                frames = F.interpolate(frames, size=(height, width), mode='bilinear',
                                       align_corners=False)
            frames = (frames - self.mean.to(device).view(1, 3, 1, 1)) / self.std.to(
                device).view(1, 3, 1, 1)
            if clips.shape[3] != 3:
                raise ValueError(f'StillMixBlending: bank frames are RGB but the clips have '
                                 f'{clips.shape[3]} channels.')
            return frames.to(clips.dtype).unsqueeze(1).expand(-1, clips.shape[1], -1, -1, -1)
        src_clip = torch.as_tensor(params['src_clip'], dtype=torch.long).to(device)
        src_frame = torch.as_tensor(params['src_frame'], dtype=torch.long).to(device)
        # advanced indices around a slice: result [B, V, C, H, W]
        return clips[src_clip, :, src_frame]

    def apply(self, clips: torch.Tensor, params: Dict[str, torch.Tensor],
              data_samples: SampleList) -> torch.Tensor:
        lam = torch.as_tensor(params['lam'], dtype=clips.dtype).to(clips.device)
        mixed = torch.as_tensor(params['mixed'], dtype=torch.bool).to(clips.device)
        still = self.still_frames(clips, params).unsqueeze(2)  # repeated over time
        blended = lam * clips + (1 - lam) * still
        return torch.where(per_clip(mixed), blended, clips)

    def __repr__(self) -> str:
        source = 'random' if self.bank_file is None else repr(self.bank_file)
        return (f'StillMixBlending(prob={self.prob}, alpha={self.alpha}, '
                f'frames={source})')
