from typing import Sequence

import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmengine.model import BaseModule


@MODELS.register_module()
class FrameExpert(BaseModule):
    """A small 2D CNN that classifies one frame: the bias (static) model of the static-view
    objectives.

    ``len(channels)`` blocks of 3x3 conv -> BatchNorm -> ReLU (stride 2 after the first),
    global average pooling and a linear classifier. It sees one static frame per clip, so it
    can only learn what a single frame tells (scene, objects, appearance): a bias-only model
    by construction, at about 1/T of a 3D backbone's cost.

    Args:
        num_classes (int): Number of classes.
        in_channels (int): Input channels. Defaults to 3.
        channels (Sequence[int]): Widths of the conv blocks. Defaults to ``(32, 64, 128)``.
    """

    def __init__(self, num_classes: int, in_channels: int = 3,
                 channels: Sequence[int] = (32, 64, 128), init_cfg=None) -> None:
        super().__init__(init_cfg=init_cfg)
        if not isinstance(num_classes, int) or num_classes < 2:
            raise ValueError(f'FrameExpert: num_classes must be an int >= 2, got {num_classes!r}.')
        layers, prev = [], in_channels
        for i, width in enumerate(channels):
            layers += [nn.Conv2d(prev, width, 3, stride=1 if i == 0 else 2, padding=1,
                                 bias=False),
                       nn.BatchNorm2d(width), nn.ReLU(inplace=True)]
            prev = width
        self.features = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(prev, num_classes)
        self.num_classes = num_classes

    def forward(self, frames: torch.Tensor) -> torch.Tensor:
        """``[N, C, H, W]`` frames -> ``[N, K]`` logits (float32)."""
        return self.fc(self.features(frames)).float()
