"""Scene representation bias of a dataset (SDN, NeurIPS 2019; RESOUND, ECCV 2018).

    python tools/analysis/scene_bias.py CONFIG CHECKPOINT VIDEO_LIST --video-root DIR \
        [--num-frames 8] [--input-size 224] [--test-size 0.3] [--seed 0] \
        [--features-out feats.npz] [--out scene_bias.json] [--cfg-options k=v ...]

Extracts frozen features of a scene model on ``--num-frames`` uniformly spaced frames of
every video of VIDEO_LIST (MMAction2 ``VideoDataset`` text: ``filename label``), loaded by
MMAction2's test transforms (``SampleFrames`` segment centres, short side ``Resize`` to
``--input-size``, ``CenterCrop``; :class:`mmdebias.preparation.frame_loader.FrameLoader`),
averages them per video, fits a scikit-learn logistic-regression probe on a stratified train split
and prints

    M = probe accuracy on the test split, M_rand = 1 / num_classes, B = ln(M / M_rand).

CONFIG's ``model`` is either an MMAction2 recognizer (its backbone gives the features; the
data preprocessor's mean / std / format are used) or a bare backbone such as
``dict(type='ResNet', depth=50)`` or ``dict(type='torchvision.resnet50')``, wrapped in a
``Recognizer2D`` with ImageNet normalisation; a backbone CHECKPOINT may then have
``backbone.``-prefixed keys or none. ``torchvision.`` / ``mmpretrain.`` / ``timm.`` types need
that package installed (an ``ImportError`` says so).
"""
import argparse
from typing import Optional

import numpy as np
import torch
from mmengine.config import DictAction

import mmdebias  # noqa: F401  (registers mmdebias components)
# (build_feature_model, check_source: shared with the linear probe and the clip export)
from mmdebias.apis.features import (build_feature_model, check_source,  # noqa: F401
                                    view_features)
from mmdebias.preparation.frame_loader import FrameLoader
from mmdebias.preparation.video_io import read_video_list
from mmdebias.evaluation.functional import linear_probe_accuracy, scene_representation_bias
from mmdebias.utils import write_json
from mmdebias.utils.cli import check_at_least, load_config


def sample_frames(path: str, num_frames: int, size: int,
                  loader: Optional[FrameLoader] = None) -> torch.Tensor:
    """``num_frames`` segment-centre frames, short side resized to ``size`` and centre
    cropped (MMAction2's test transforms): RGB uint8 ``(num_frames, 3, size, size)``."""
    loader = loader or FrameLoader(size, size, num_frames)
    return loader(path)[0]  # errors name the file and the fix


def video_features(model, frames: torch.Tensor) -> np.ndarray:
    """Penultimate features of one video (frames ``(T, C, H, W)``), averaged over frames and
    positions: ``(C, )`` (:func:`mmdebias.apis.features.view_features`: the T frames are one
    3D clip, or one view of T segments for a 2D model)."""
    if model.data_preprocessor.format_shape == 'NCTHW':
        inputs = frames.permute(1, 0, 2, 3)[None]  # one view: 1, C, T, H, W
    else:
        inputs = frames  # T segments: T, C, H, W
    data = model.data_preprocessor(dict(inputs=[inputs], data_samples=None), False)
    feats = view_features(model, data['inputs'], frames_per_view=len(frames))
    return feats[0].mean(0).double().cpu().numpy()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description='Scene representation bias B = ln(M/M_rand)')
    parser.add_argument('config', help='config whose `model` is the scene model')
    parser.add_argument('checkpoint', help='checkpoint of that model')
    parser.add_argument('video_list', help='VideoDataset list: "filename label" per line')
    parser.add_argument('--video-root', default='', help='folder the filenames are in')
    parser.add_argument('--num-frames', type=int, default=8, help='frames per video')
    parser.add_argument('--input-size', type=int, default=224, help='crop size')
    parser.add_argument('--test-size', type=float, default=0.3, help='test split fraction')
    parser.add_argument('--num-classes', type=int,
                        help='for M_rand (default: the number of labels in the list)')
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--features-out', help='save features and labels (.npz)')
    parser.add_argument('--out', help='write M, M_rand and B as JSON')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, key=value')
    args = parser.parse_args(argv)
    check_at_least(parser, args, ('num_frames', 'input_size'))
    if not 0.0 < args.test_size < 1.0:
        parser.error(f'--test-size must be a fraction in (0, 1), got {args.test_size}')
    if args.num_classes is not None and args.num_classes < 2:
        parser.error(f'--num-classes must be >= 2 (chance accuracy 1 / num_classes), got '
                     f'{args.num_classes}')
    return args


def check_num_classes(num_classes, labels: np.ndarray, video_list: str) -> int:
    """``--num-classes`` (or the number of labels in the list) for ``M_rand``; an error if
    it cannot hold the list's labels (``M_rand`` would be too large, ``B`` too small)."""
    present = len(np.unique(labels))
    if num_classes is None:
        return present
    if num_classes < present or num_classes <= int(labels.max()):
        raise SystemExit(f'scene_bias: --num-classes {num_classes} cannot hold the labels of '
                         f'{video_list} ({present} classes, largest label {int(labels.max())}); '
                         'give the number of classes of the dataset or leave it out.')
    return num_classes


def main(argv=None) -> dict:
    args = parse_args(argv)
    cfg = load_config(args.config, args.cfg_options, 'scene_bias')
    model = build_feature_model(cfg.model, args.checkpoint)
    videos = read_video_list(args.video_list, args.video_root)
    loader = FrameLoader(args.input_size, args.input_size, args.num_frames)
    from mmengine.utils import track_iter_progress
    features = np.stack([
        video_features(model, sample_frames(path, args.num_frames, args.input_size, loader))
        for path, _ in track_iter_progress(videos)])
    labels = np.array([label for _, label in videos])
    if args.features_out:
        np.savez_compressed(args.features_out, features=features, labels=labels)
    num_classes = check_num_classes(args.num_classes, labels, args.video_list)
    accuracy, num_train, num_test = linear_probe_accuracy(features, labels, args.test_size,
                                                          args.seed)
    result = dict(M=accuracy, M_rand=1.0 / num_classes,
                  B=scene_representation_bias(accuracy, num_classes), num_train=num_train,
                  num_test=num_test, num_classes=num_classes, feature_dim=features.shape[1])
    print(f'linear probe on {features.shape[1]}-d features: {num_train} train / {num_test} '
          f'test videos')
    print(f'M = {result["M"]:.4f}  M_rand = 1/{num_classes} = {result["M_rand"]:.4f}  '
          f'B = ln(M / M_rand) = {result["B"]:.4f}')
    if args.out:
        write_json(args.out, result)
    return result


if __name__ == '__main__':
    main()
