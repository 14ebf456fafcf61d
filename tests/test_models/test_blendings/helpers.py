"""Helpers for the blending tests: batches with known values in both layouts.

``make(values, layout)`` builds a batch whose frame t of clip b is filled with
``values[b][t]`` (every channel and pixel, or the given per-pixel array), as TSN inputs
``[B, S, C, H, W]`` (``'tsn'``) or 3D inputs ``[B, 1, C, T, H, W]`` (``'3d'``);
``frames(batch)`` reads it back as ``[B, T, C, H, W]``.
"""
import torch
from mmaction.structures import ActionDataSample

LAYOUTS = ('tsn', '3d')

# a stock Recognizer3D sized for CPU tests: the ResNet3d-18 of demo/demo_configs/
# _base_/models/r3d18_tiny.py (16 base channels), 4 classes
R3D18_TINY = dict(
    type='Recognizer3D',
    backbone=dict(type='ResNet3d', depth=18, pretrained=None, pretrained2d=False,
                  base_channels=16, conv1_kernel=(3, 7, 7), conv1_stride_t=1,
                  pool1_stride_t=1, with_pool1=False, inflate=(1, 1, 1, 1), norm_eval=False),
    cls_head=dict(type='I3DHead', in_channels=128, num_classes=4, spatial_type='avg',
                  dropout_ratio=0.0, average_clips='prob'),
    data_preprocessor=dict(type='ActionDataPreprocessor', mean=[127.5] * 3, std=[64.0] * 3,
                           format_shape='NCTHW'))


def make(values, layout: str, channels: int = 3, size=(2, 2)) -> torch.Tensor:
    values = torch.as_tensor(values, dtype=torch.float32)
    if values.dim() == 2:  # [B, T] -> constant frames
        values = values[:, :, None, None, None].expand(-1, -1, channels, *size)
    elif values.dim() == 4:  # [B, T, H, W] -> same in every channel
        values = values[:, :, None].expand(-1, -1, channels, -1, -1)
    clips = values.contiguous()  # [B, T, C, H, W]
    if layout == 'tsn':
        return clips.clone()
    return clips.permute(0, 2, 1, 3, 4).unsqueeze(1).contiguous()  # [B, 1, C, T, H, W]


def frames(batch: torch.Tensor) -> torch.Tensor:
    if batch.dim() == 5:
        return batch
    assert batch.shape[1] == 1
    return batch[:, 0].permute(0, 2, 1, 3, 4)


def samples(labels, **fields):
    out = []
    for i, label in enumerate(labels):
        sample = ActionDataSample().set_gt_label(label)
        for key, values in fields.items():
            sample.set_field(values[i], key)
        out.append(sample)
    return out


def pin(blending, **params):
    """Make ``blending`` use fixed random draws (known lam, frames, partners, masks)."""
    blending.sample_params = lambda clips, data_samples: dict(params)
    return blending
