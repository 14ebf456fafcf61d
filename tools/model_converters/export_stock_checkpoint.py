"""Export a debiasing checkpoint as a stock MMAction2 checkpoint (backbone + plain head).

    python tools/model_converters/export_stock_checkpoint.py CONFIG CHECKPOINT OUT.pth \
        [--drop-head | --backbone-only] [--stock-config stock_model.py] \
        [--cfg-options k=v ...] [--unsafe-load-checkpoint]

CONFIG is the config CHECKPOINT was trained with (e.g. ``configs/albar/...``,
``configs/sdn/...``). The objectives of a ``DebiasHead`` (static / bias experts, the
confusion classifier), the adversaries of an ``AdversarialAspectNeck`` and the state of the
mmdebias data preprocessor are dropped, the wrapped head keeps its stock keys
(:mod:`mmdebias.apis.stock_export` has the key map). Before writing, the result is loaded
with ``strict=True`` into the stock recognizer of the stock model config. Layouts:

- default: the whole stock recognizer (``backbone.*``, ``cls_head.*``): ``load_from`` of a
  stock config with the same head, or ``tools/test.py`` with the stock config;
- ``--drop-head``: ``backbone.*`` only, for transfer: ``load_from`` of a target config,
  whose head (another dataset's classes) keeps its fresh initialisation;
- ``--backbone-only``: the backbone's keys without the ``backbone.`` prefix, for
  ``model.backbone.pretrained=OUT.pth`` (mmaction's 2D ``ResNet`` also needs
  ``torchvision_pretrain=False``) or ``init_cfg=dict(type='Pretrained', checkpoint=OUT.pth)``.

``--stock-config`` also writes the stock ``model = dict(...)`` config. The output holds
tensors and plain metadata only: it loads under torch's ``weights_only`` without mmdebias.
"""
import argparse
import os.path as osp

import torch
from mmengine.config import Config, DictAction
from mmengine.runner.checkpoint import _load_checkpoint

import mmdebias  # noqa: F401  (registers mmdebias components; safe checkpoint loading)
from mmdebias.apis import export_stock_checkpoint
from mmdebias.utils import atomic_write
from mmdebias.utils.cli import add_unsafe_load_argument, checkpoint_loading, load_config


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Export a debiasing checkpoint as a stock '
                                     'MMAction2 checkpoint')
    parser.add_argument('config', help='the config the checkpoint was trained with')
    parser.add_argument('checkpoint', help='the debiasing checkpoint')
    parser.add_argument('out', help='the stock checkpoint to write (.pth)')
    layout = parser.add_mutually_exclusive_group()
    layout.add_argument('--drop-head', action='store_true',
                        help='leave the action head out (transfer: the target config '
                        'initialises its own head)')
    layout.add_argument('--backbone-only', action='store_true',
                        help="backbone keys without the 'backbone.' prefix, for "
                        'model.backbone.pretrained')
    parser.add_argument('--stock-config', help='also write the stock model config (.py)')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, key=value')
    add_unsafe_load_argument(parser)
    args = parser.parse_args(argv)
    if not args.out.endswith('.pth'):
        parser.error(f'OUT must name a .pth file, got {args.out!r}')
    if args.stock_config is not None and not args.stock_config.endswith('.py'):
        parser.error(f'--stock-config must name a .py file, got {args.stock_config!r}')
    if osp.abspath(args.out) == osp.abspath(args.checkpoint):
        parser.error('OUT must differ from CHECKPOINT (the source is kept)')
    return args


def main(argv=None) -> dict:
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options, 'export_stock_checkpoint')
    if not osp.isfile(args.checkpoint):
        raise FileNotFoundError(f'export_stock_checkpoint: checkpoint {args.checkpoint} does '
                                'not exist.')
    with checkpoint_loading(args.unsafe_load_checkpoint):
        source = _load_checkpoint(args.checkpoint, map_location='cpu')
    exported, stock_cfg = export_stock_checkpoint(
        source, cfg.model.to_dict(), drop_head=args.drop_head,
        backbone_only=args.backbone_only, source=osp.basename(args.checkpoint))
    with atomic_write(args.out) as tmp:
        torch.save(exported, tmp)
    info = exported['meta']['mmdebias_export']
    print(f'{args.out}: {info["kept"]} tensors, layout {info["layout"]!r} (strict load into '
          'the stock model checked)')
    for what, count in info['dropped'].items():
        print(f'  dropped {count:4d} keys: {what}')
    if args.stock_config:
        with atomic_write(args.stock_config) as tmp:
            Config(dict(model=stock_cfg or dict(backbone=cfg.model.backbone.to_dict()))
                   ).dump(tmp)
        print(f'stock model config written to {args.stock_config}')
    return info


if __name__ == '__main__':
    main()
