"""SAAR FLOPs overhead (not a test): SlowOnly-R50 8x8, one 8 x 224 x 224 clip.

    python bench/bench_saar_flops.py [--size 224] [--frames 8]

Counts FLOPs (multiply-adds, as mmengine's FlopAnalyzer reports) of the backbone of
MMAction2's SlowOnly-R50 (``ResNet3dSlowOnly`` depth 50, 8x8x1 settings, random init) and of
the same backbone plus ``SAARNeck`` in both placements:

- ``neck``: on the last feature map (2048 x 8 x 7 x 7), bottleneck width 2048 // 16 = 128;
- ``before_last_stage``: the paper's placement, on the input of ``layer4``
  (1024 x 8 x 14 x 14), bottleneck width 1024 // 16 = 64, via a forward pre-hook.

Prints the overhead in percent (target: <= 2 %); nothing is asserted.
"""
import argparse

import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmaction.utils import register_all_modules
from mmengine.analysis import get_model_complexity_info

import mmdebias  # noqa: F401

BACKBONE = dict(type='ResNet3dSlowOnly', depth=50, pretrained=None, lateral=False,
                conv1_kernel=(1, 7, 7), conv1_stride_t=1, pool1_stride_t=1,
                inflate=(0, 0, 1, 1), norm_eval=False)


class BackboneThenNeck(nn.Module):

    def __init__(self, backbone, neck=None):
        super().__init__()
        self.backbone = backbone
        self.neck = neck

    def forward(self, x):
        x = self.backbone(x)
        return self.neck(x)[0] if self.neck is not None else x


def flops(model, shape):
    model.eval()
    with torch.no_grad():
        info = get_model_complexity_info(model, input_shape=shape, show_table=False,
                                         show_arch=False)
    return info['flops'], info['params']


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--size', type=int, default=224)
    parser.add_argument('--frames', type=int, default=8)
    args = parser.parse_args()
    register_all_modules()
    torch.set_num_threads(2)
    shape = (3, args.frames, args.size, args.size)

    base_flops, base_params = flops(BackboneThenNeck(MODELS.build(BACKBONE)), shape)
    print(f'SlowOnly-R50 backbone {args.frames}x{args.size}^2: {base_flops / 1e9:.2f} GFLOPs, '
          f'{base_params / 1e6:.2f} M params')

    neck = MODELS.build(dict(type='SAARNeck', in_channels=2048))
    f, p = flops(BackboneThenNeck(MODELS.build(BACKBONE), neck), shape)
    print(f"SAAR placement='neck' (2048 ch, mid 128): +{(f - base_flops) / 1e9:.3f} GFLOPs "
          f'= {100 * (f - base_flops) / base_flops:.2f} %, +{(p - base_params) / 1e6:.2f} M '
          'params')

    backbone = MODELS.build(BACKBONE)
    neck = MODELS.build(dict(type='SAARNeck', in_channels=1024, placement='before_last_stage'))
    neck._install_hook(backbone)  # what DebiasRecognizer3D's setup_in_recognizer does
    model = BackboneThenNeck(backbone)
    model.saar = neck  # count its parameters
    f, p = flops(model, shape)
    print(f"SAAR placement='before_last_stage' (1024 ch, mid 64): "
          f'+{(f - base_flops) / 1e9:.3f} GFLOPs = {100 * (f - base_flops) / base_flops:.2f} %'
          f', +{(p - base_params) / 1e6:.2f} M params')


if __name__ == '__main__':
    main()
