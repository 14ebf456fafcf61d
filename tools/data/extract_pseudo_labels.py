r"""Per-video pseudo labels (e.g. Places365 scenes for SDN) from a frame classifier.

    python tools/data/extract_pseudo_labels.py LIST CONFIG CHECKPOINT --out scene_labels.npz \
        --data-root data/kinetics400/videos_train [--num-frames 8] [--classes names.txt]

For every video of ``LIST`` (an MMAction2 annotation file; first field = video path relative
to ``--data-root``, or a plain list of paths) ``--num-frames`` frames are sampled uniformly
(segment centres), resized (short side ``--short-side``), centre-cropped to ``--crop-size``
by MMAction2's test transforms (:class:`mmdebias.preparation.frame_loader.FrameLoader`) and
classified **one frame at a time**; the softmax is averaged over the frames:

.. math:: p_v = \frac{1}{|F_v|}\sum_{t \in F_v} \mathrm{softmax}(f(I_t))

(SDN, Choi et al., NeurIPS 2019, §3.2: soft pseudo scene labels from a Places365 ResNet-50).
The output ``.npz`` (``videos``, ``probs`` [V, K], ``top1``, ``classes``; see
``mmdebias/datasets/pseudo_labels.py``) is read by the ``LoadAspectLabels`` transform with
the same ``--data-root``.

Classifier: an MMAction2 ``Recognizer2D`` config (e.g. a TSN whose head has the scene
classes), used as an image classifier; its ``data_preprocessor`` does the normalisation.
mmpretrain and torchvision model configs are not supported in this environment (neither
is installed) and give an error saying so. A video that cannot be decoded, or whose
probabilities are NaN/inf, stops the run with its name and the fix (nothing is skipped
silently). List paths may contain spaces (see
:func:`mmdebias.preparation.video_io.video_of_list_line`).
"""
import argparse
import os.path as osp
import sys

import numpy as np

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def build_classifier(config: str, checkpoint: str, device: str = 'cpu'):
    import torch
    from mmengine.config import Config
    from mmengine.runner import load_checkpoint

    from mmaction.registry import MODELS
    from mmaction.utils import register_all_modules
    register_all_modules(init_default_scope=True)
    import mmdebias  # noqa: F401
    from mmdebias.utils import safe_checkpoint_loading

    cfg = Config.fromfile(config)
    model_type = cfg.model.get('type')
    if model_type != 'Recognizer2D':
        hint = ('mmpretrain is not installed' if model_type == 'ImageClassifier' else
                'only MMAction2 Recognizer2D configs (frame classifiers) are supported')
        raise SystemExit(f'extract_pseudo_labels: {config} builds a {model_type!r}; {hint}. '
                         'Convert the classifier into a Recognizer2D config (ResNet backbone '
                         '+ TSNHead with the class count) and its checkpoint.')
    if cfg.model.data_preprocessor.get('format_shape', 'NCHW') != 'NCHW':
        raise SystemExit(f'extract_pseudo_labels: {config}: data_preprocessor.format_shape must '
                         'be NCHW for a frame classifier.')
    for key in ('pretrained', ):
        if key in cfg.model.backbone:
            cfg.model.backbone[key] = None  # weights come from the checkpoint
    model = MODELS.build(cfg.model)
    if checkpoint is None or not osp.isfile(checkpoint):
        raise SystemExit(f'extract_pseudo_labels: checkpoint {checkpoint} does not exist.')
    with safe_checkpoint_loading():
        load_checkpoint(model, checkpoint, map_location='cpu', strict=True)
    model.to(device).eval()
    return model


def load_frames(video: str, num_frames: int, short_side: int, crop_size: int, loader=None):
    """``num_frames`` segment-centre frames of ``video``, resized and centre-cropped by
    MMAction2's test transforms: uint8 ``[F, 3, crop_size, crop_size]`` RGB."""
    from mmdebias.preparation.frame_loader import FrameLoader
    loader = loader or FrameLoader(short_side, crop_size, num_frames)
    return loader(video)[0]  # errors name the file and the fix


def video_probs(model, frames_chw, batch_size: int = 16) -> np.ndarray:
    """Mean over frames of the per-frame softmax."""
    import torch
    probs = []
    with torch.no_grad():
        for i in range(0, len(frames_chw), batch_size):
            chunk = frames_chw[i:i + batch_size]
            # each frame is its own sample with one segment: [B, 1, 3, H, W]
            data = model.data_preprocessor(
                dict(inputs=[f[None] for f in chunk], data_samples=None), training=False)
            logits, _ = model.extract_feat(data['inputs'], stage='head', test_mode=True)
            probs.append(torch.softmax(logits.float(), dim=1).cpu().numpy())
    return np.concatenate(probs).mean(axis=0)


def main(argv=None):
    parser = argparse.ArgumentParser(description='per-video pseudo labels (mean softmax)')
    parser.add_argument('video_list')
    parser.add_argument('config')
    parser.add_argument('checkpoint')
    parser.add_argument('--out', required=True)
    parser.add_argument('--data-root', default=None)
    parser.add_argument('--num-frames', type=int, default=8)
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument('--classes', default=None, help='text file, one class name a line')
    parser.add_argument('--device', default='cpu')
    args = parser.parse_args(argv)
    for name in ('num_frames', 'short_side', 'crop_size'):
        if getattr(args, name) < 1:
            raise SystemExit(f'--{name.replace("_", "-")} must be >= 1, got '
                             f'{getattr(args, name)}')

    from mmengine.utils import track_iter_progress

    from mmdebias.datasets.pseudo_labels import save_pseudo_labels, video_key
    from mmdebias.preparation.video_io import read_video_list
    try:
        videos = [v for v, _ in read_video_list(args.video_list, args.data_root, labels=False)]
    except (OSError, ValueError) as e:
        raise SystemExit(f'extract_pseudo_labels: {e}')
    model = build_classifier(args.config, args.checkpoint, args.device)
    from mmdebias.preparation.frame_loader import FrameLoader
    loader = FrameLoader(args.short_side, args.crop_size, args.num_frames)
    keys, rows = [], []
    for video in track_iter_progress(videos):
        try:
            frames = load_frames(video, args.num_frames, args.short_side, args.crop_size,
                                 loader)
        except Exception as e:
            raise SystemExit(f'extract_pseudo_labels: cannot decode {video}: {e}')
        rows.append(video_probs(model, frames.to(args.device)))
        if not np.isfinite(rows[-1]).all():
            raise SystemExit(f'extract_pseudo_labels: the classifier gives non-finite '
                             f'probabilities for {video}: check the checkpoint '
                             f'{args.checkpoint} (NaN/inf weights) and the video.')
        keys.append(video_key(video, args.data_root))
    classes = None
    if args.classes:
        with open(args.classes) as f:
            classes = [line.strip() for line in f if line.strip()]
    probs = np.stack(rows)
    save_pseudo_labels(args.out, keys, probs, classes)
    print(f'extract_pseudo_labels: {len(keys)} videos x {probs.shape[1]} classes -> {args.out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
