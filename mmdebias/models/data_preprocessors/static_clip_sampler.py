from typing import List, Optional, Tuple, Union

import torch
from mmaction.models import ActionDataPreprocessor
from mmaction.registry import MODELS
from mmaction.utils import SampleList

from ..utils import paired_views


@MODELS.register_module()
class StaticClipSampler(ActionDataPreprocessor):
    r"""Data preprocessor that adds an ALBAR static clip to every training sample.

    ALBAR (Fioresi, Dave & Shah, "ALBAR: Adversarial Learning approach to mitigate Biases in
    Action Recognition", ICLR 2025) feeds the network a *static* clip -- one frame of the
    motion clip repeated over time -- next to every motion clip:

    .. math:: x_s[:, t] = x[:, t^*] \quad \forall t,

    with :math:`t^*` the fixed index ``frame_index`` (default: the middle frame, the released
    config's 16 of 32) or, with ``frame_index='random'``, drawn uniformly per clip.

    This class is a drop-in replacement for :class:`ActionDataPreprocessor` (same arguments,
    so an inherited ``model.data_preprocessor`` only needs ``type='StaticClipSampler'``).
    The static clip is cut after stacking and normalisation, so it shares the motion clip's
    crop, flip and normalisation and costs no extra decoding. It is stored on each data
    sample as ``static_inputs`` and consumed by :class:`ALBARHead` or :class:`DebiasHead`'s
    objectives; ``DebiasRecognizer3D`` / ``2D`` check at build time that the head uses
    them. The preprocessor knows nothing of the model it belongs to.

    Batch blending (``blending=...``, e.g. ALBAR + StillMix) runs *after* the static clips
    are cut: static clip i is a frame of the unblended clip i, and since blendings never
    reorder the batch, clip i, its static clip and its label stay aligned. (ALBAR's released
    code passes the static clips through the blender as if they were labels, so they are
    mixed and reordered with the clips while the labels are not -- not reproduced here.)
    A label-mixing blending (VideoMix, Mixup) leaves soft labels, which ``ALBARHead`` uses
    for the static cross entropy as well. Layouts:

    - ``NCTHW`` (3D recognizers): inputs ``[B, V, C, T, H, W]``; the frame is repeated over T.
    - ``NCHW`` (TSN-style 2D recognizers): inputs ``[B, S, C, H, W]`` with S segments; the
      static "clip" is one segment's frame repeated over the S segments (with
      ``HumanMask(mode='pair')``, ``[B, 2 * S, ...]``: one frame per view, each repeated over
      its S segments).

    With ``HumanMask(mode='pair')`` (original and masked view of each clip), ALBAR's static
    pass uses the original view's static clip (see ``DebiasContext.static_clips``).

    Args:
        frame_index (int | str): ``'middle'`` (``T // 2``), ``'random'`` or a fixed index in
            ``[-T, T)``. Defaults to ``'middle'``.
        **kwargs: Arguments of :class:`ActionDataPreprocessor` (mean, std, format_shape, ...).
    """

    makes_static_clips = True

    def __init__(self, frame_index: Union[int, str] = 'middle', **kwargs) -> None:
        super().__init__(**kwargs)
        if isinstance(frame_index, bool) or not (  # bool is an int: True would be frame 1
                isinstance(frame_index, int) or frame_index in ('middle', 'random')):
            raise ValueError(
                f"StaticClipSampler: frame_index must be an int, 'middle' or 'random', "
                f'got {frame_index!r}.')
        if self.format_shape not in ('NCHW', 'NCTHW'):
            raise ValueError(
                f'StaticClipSampler supports format_shape NCHW (TSN segments) and NCTHW '
                f'(3D clips), got {self.format_shape!r}.')
        self.frame_index = frame_index

    def preprocess(self, inputs: List[torch.Tensor], data_samples: SampleList,
                   training: bool = False) -> Tuple:
        # stack + normalise (ActionDataPreprocessor only blends when training=True); blend
        # after the static clips are cut
        batch_inputs, data_samples = super().preprocess(inputs, data_samples, training=False)
        if training:
            views = paired_views(data_samples) if self.format_shape == 'NCHW' else 1
            if views > 1:
                # HumanMask(mode='pair') in TSN layout: [B, V * S, ...], one frame per view
                b, vs = batch_inputs.shape[:2]
                static = self.make_static_clips(batch_inputs.reshape(
                    b * views, vs // views, *batch_inputs.shape[2:])).view_as(batch_inputs)
            else:
                static = self.make_static_clips(batch_inputs)
            for sample, clip in zip(data_samples, static):
                sample.set_field(clip, 'static_inputs')
            if self.blending is not None:
                batch_inputs, data_samples = self.blending(batch_inputs, data_samples)
        return batch_inputs, data_samples

    def frame_indices(self, batch_size: int, num_frames: int,
                      device: Optional[torch.device] = None) -> torch.Tensor:
        """Per-clip frame index t* (shape ``[B]``)."""
        if num_frames < 2:
            raise ValueError(
                f'StaticClipSampler got clips with {num_frames} frame(s) along time: a static '
                'clip would equal the motion clip, so ALBAR has nothing to learn from. Sample '
                'at least 2 frames per clip (SampleFrames clip_len for 3D models, num_clips '
                'segments for TSN).')
        if self.frame_index == 'random':
            return torch.randint(num_frames, (batch_size, ), device=device)
        index = num_frames // 2 if self.frame_index == 'middle' else self.frame_index
        if not -num_frames <= index < num_frames:
            raise ValueError(
                f'StaticClipSampler: frame_index={index} is out of range for clips of '
                f"{num_frames} frames; use an index in [0, {num_frames}) or 'middle'.")
        return torch.full((batch_size, ), index % num_frames, dtype=torch.long, device=device)

    def make_static_clips(self, batch_inputs: torch.Tensor) -> torch.Tensor:
        """Repeat one frame of each clip over time; same shape as ``batch_inputs``."""
        if self.format_shape == 'NCTHW':
            if batch_inputs.dim() != 6:
                raise ValueError(
                    'StaticClipSampler(format_shape="NCTHW") expects inputs [B, V, C, T, H, W], '
                    f'got shape {tuple(batch_inputs.shape)}.')
            time_dim = 3
        else:
            if batch_inputs.dim() != 5:
                raise ValueError(
                    'StaticClipSampler(format_shape="NCHW") expects TSN inputs [B, S, C, H, W], '
                    f'got shape {tuple(batch_inputs.shape)}.')
            time_dim = 1
        num_frames = batch_inputs.shape[time_dim]
        idx = self.frame_indices(batch_inputs.shape[0], num_frames, batch_inputs.device)
        # gather the chosen frame of every clip, keep the time dim (size 1), then repeat it
        shape = [-1] + [1] * (batch_inputs.dim() - 1)
        gather_idx = idx.view(shape).expand(
            *[s if d != time_dim else 1 for d, s in enumerate(batch_inputs.shape)])
        frame = batch_inputs.gather(time_dim, gather_idx)
        return frame.expand_as(batch_inputs).contiguous()
