"""Build the StillMix frame bank: train (or take) a 2D reference network, score every training
frame, keep a confidence-quantile slice, draw the bank.

    # train the reference network (a Recognizer2D config on single frames), score, write
    python tools/data/stillmix_frame_bank.py configs/stillmix/stillmix-ref_tsn-r50_8xb32-1x1x1-50e_hmdb51-split1-rgb.py \
        --work-dir work_dirs/stillmix_bank_hmdb51 --out data/hmdb51/stillmix_bank.npz
    # or take a trained 2D checkpoint of that config
    python tools/data/stillmix_frame_bank.py REF_CONFIG --ref-checkpoint ref.pth \
        --work-dir DIR --out BANK.npz
    # MotionShapes (32x32 clips, no resize):
    python tools/data/stillmix_frame_bank.py \
        demo/demo_configs/motion_shapes/ref-r2d18_1x1x1_motion_shapes.py \
        --work-dir work_dirs/motion_shapes/stillmix_bank \
        --out data/synthetic/motion_shapes/stillmix_bank.npz --short-side 32 --crop-size 32

StillMix (Li et al., ICCV 2023) mixes clips with frames whose static content alone predicts
the label well. The recipe this tool follows:

1. **Reference network** -- the 2D version of the backbone trained on single frames with the
   video label (``REF_CONFIG``: a ``Recognizer2D`` training config whose pipeline samples one
   frame per video, e.g. ``SampleFrames(clip_len=1, num_clips=1)``; the authors train Swin-T
   for 50 epochs, lr 0.01, steps at 20 / 40). Without ``--ref-checkpoint`` it is trained here
   with mmengine's Runner in ``<work-dir>/reference`` (resumed from the latest checkpoint
   there if interrupted; skipped once finished).
2. **Scoring** -- every ``--frame-stride``-th frame of every training video (the config's
   ``train_dataloader.dataset`` list, or ``--video-list`` / ``--data-root``) is resized (short
   side ``--short-side``) and centre-cropped to ``--crop-size`` by MMAction2's test transforms
   (:class:`mmdebias.preparation.frame_loader.FrameLoader`), and classified on its own; per
   frame the tool keeps p(top-1), the top-1 class and p(video label). A progress bar shows the
   videos; scores are saved every ``--save-every`` videos in ``<work-dir>/scores/`` so a
   rerun continues where the last run stopped (the video list must be unchanged).
3. **Bank** -- frames are ranked by ``--rank-by`` (``top1``: the top-1 confidence, the
   authors' choice; ``label``: p(video label)), the quantile slice ``--quantile`` of the
   ranking is kept ([0.5, 1] = the more confident half; the authors use [0.1, 1] for
   K400-pretrained Swin-T on HMDB51 and [0.75, 1] on K400), and ``--bank-size`` frames (1024;
   2048 for SlowFast on K400) are drawn from it at random (``--seed``).

The bank (``mmdebias/models/blendings/frame_bank.py`` describes the file) stores the frames
as raw uint8 RGB at ``--crop-size`` -- resized like the clips, not normalised:
``StillMixBlending(bank_file=..., mean=..., std=...)`` normalises the frames it draws with the
data preprocessor's mean / std (and resizes them if the clips are another size). Set
``--short-side`` / ``--crop-size`` to the training clips' crop (256 / 224 for the stock TSN /
SlowOnly configs). ``--cfg-options key=value ...`` overrides entries of REF_CONFIG (e.g.
``train_dataloader.dataset.ann_file=...``). A video that cannot be decoded stops the run with
its name.
"""
import argparse
import glob
import json
import os
import os.path as osp
import sys
from typing import List, Optional, Tuple

import numpy as np

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


def parse_args(argv=None):
    from mmengine.config import DictAction
    parser = argparse.ArgumentParser(description='build a StillMix frame bank')
    parser.add_argument('ref_config', help='Recognizer2D config of the reference network')
    parser.add_argument('--work-dir', required=True,
                        help='reference-network checkpoints and partial scores (resumable)')
    parser.add_argument('--out', required=True, help='bank file (.npz)')
    parser.add_argument('--ref-checkpoint', default=None,
                        help='trained 2D checkpoint of REF_CONFIG (skips training)')
    parser.add_argument('--video-list', default=None,
                        help='annotation file "video label" (default: the config\'s train list)')
    parser.add_argument('--data-root', default=None,
                        help='root of the videos of --video-list (default: the config\'s)')
    parser.add_argument('--frame-stride', type=int, default=1, help='score every k-th frame')
    parser.add_argument('--short-side', type=int, default=256)
    parser.add_argument('--crop-size', type=int, default=224)
    parser.add_argument('--quantile', type=float, nargs=2, default=(0.5, 1.0),
                        metavar=('LOW', 'HIGH'), help='slice of the confidence ranking kept')
    parser.add_argument('--rank-by', choices=('top1', 'label'), default='top1')
    parser.add_argument('--bank-size', type=int, default=1024)
    parser.add_argument('--seed', type=int, default=0)
    parser.add_argument('--save-every', type=int, default=50,
                        help='videos per partial score file')
    parser.add_argument('--batch-size', type=int, default=64, help='frames per forward pass')
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--cfg-options', nargs='+', action=DictAction, default=None,
                        help='override entries of REF_CONFIG, key=value (e.g. the data lists)')
    args = parser.parse_args(argv)
    low, high = args.quantile
    if not 0.0 <= low < high <= 1.0:
        parser.error(f'--quantile needs 0 <= LOW < HIGH <= 1, got {low} {high}')
    for name in ('frame_stride', 'short_side', 'crop_size', 'bank_size', 'save_every',
                 'batch_size'):
        if getattr(args, name) < 1:
            parser.error(f'--{name.replace("_", "-")} must be >= 1')
    if args.short_side < args.crop_size:
        parser.error('--short-side must be >= --crop-size')
    return args


def load_config(path: str, options: Optional[dict] = None):
    from mmengine.config import Config
    from mmaction.utils import register_all_modules
    register_all_modules(init_default_scope=True)
    import mmdebias  # noqa: F401
    cfg = Config.fromfile(path)
    if options:
        cfg.merge_from_dict(options)
    model_type = cfg.model.get('type')
    if model_type != 'Recognizer2D':
        raise SystemExit(f'stillmix_frame_bank: {path} builds a {model_type!r}; the reference '
                         'network is the 2D version of the backbone: a Recognizer2D config '
                         '(e.g. configs/stillmix/stillmix-ref_tsn-r50_8xb32-1x1x1-50e_hmdb51-split1-rgb.py).')
    return cfg


def read_videos(cfg, video_list: Optional[str],
                data_root: Optional[str]) -> Tuple[List[str], List[int], Optional[str]]:
    """(video paths, labels, data root) of the videos to score."""
    if video_list is None:
        dataset = cfg.train_dataloader.dataset
        video_list = dataset.ann_file
        if data_root is None:
            data_root = dataset.get('data_prefix', {}).get('video')
    if not osp.isfile(video_list):
        raise SystemExit(f'stillmix_frame_bank: video list {video_list} does not exist.')
    from mmdebias.preparation.video_io import read_video_list
    try:
        items = read_video_list(video_list, data_root)
    except ValueError as error:
        raise SystemExit(f'stillmix_frame_bank: {error}') from None
    return [video for video, _ in items], [label for _, label in items], data_root


def train_reference(cfg, work_dir: str) -> str:
    """Train REF_CONFIG in ``<work_dir>/reference`` (resuming); the final checkpoint path."""
    ref_dir = osp.join(work_dir, 'reference')
    done = osp.join(ref_dir, 'done.json')
    if osp.isfile(done):
        with open(done) as f:
            ckpt = json.load(f)['checkpoint']
        if osp.isfile(ckpt):
            print(f'stillmix_frame_bank: reference network already trained: {ckpt}')
            return ckpt
    import copy

    from mmengine.runner import Runner
    cfg = copy.deepcopy(cfg)
    cfg.work_dir = ref_dir
    cfg.resume, cfg.load_from = True, None  # continue from the latest checkpoint, if any
    cfg.launcher = 'none'
    runner = Runner.from_cfg(cfg)
    runner.train()
    last = osp.join(ref_dir, 'last_checkpoint')
    if not osp.isfile(last):
        raise SystemExit(f'stillmix_frame_bank: training wrote no checkpoint in {ref_dir}; '
                         'give the reference config a CheckpointHook.')
    with open(last) as f:
        ckpt = f.read().strip()
    with open(done, 'w') as f:
        json.dump(dict(checkpoint=ckpt), f)
    return ckpt


def build_reference(cfg, checkpoint: str, device: str):
    import copy

    from mmengine.runner import load_checkpoint
    from mmaction.registry import MODELS

    from mmdebias.utils import safe_checkpoint_loading
    if not osp.isfile(checkpoint):
        raise SystemExit(f'stillmix_frame_bank: checkpoint {checkpoint} does not exist.')
    model_cfg = copy.deepcopy(cfg.model)
    if 'pretrained' in model_cfg.get('backbone', {}):
        model_cfg.backbone.pretrained = None  # the weights come from the checkpoint
    model = MODELS.build(model_cfg)
    with safe_checkpoint_loading():
        load_checkpoint(model, checkpoint, map_location='cpu', strict=True)
    return model.to(device).eval()


def load_frames(loader, video: str, frame_inds: Optional[List[int]] = None,
                stride: int = 1):
    """``(frames, frame indices)``: the given frames or every ``stride``-th frame of
    ``video``, resized (short side) and centre-cropped by ``loader`` (a
    :class:`FrameLoader`): uint8 ``[F, 3, crop, crop]`` RGB."""
    try:
        if frame_inds is None:
            return loader(video, stride=stride)
        return loader(video, frame_inds=frame_inds)
    except Exception as e:  # a decord error (named by FrameLoader) or a missing file
        raise SystemExit(f'stillmix_frame_bank: cannot decode {video}: {e}') from e


def frame_probs(model, frames, batch_size: int, device: str) -> np.ndarray:
    """Softmax of the reference network on each frame (its own 1-segment sample)."""
    import torch
    probs = []
    with torch.no_grad():
        for i in range(0, len(frames), batch_size):
            chunk = frames[i:i + batch_size].to(device)
            data = model.data_preprocessor(
                dict(inputs=[f[None] for f in chunk], data_samples=None), training=False)
            logits, _ = model.extract_feat(data['inputs'], stage='head', test_mode=True)
            probs.append(torch.softmax(logits.float(), dim=1).cpu().numpy())
    return np.concatenate(probs)


def score_dir_state(score_dir: str, keys: List[str]) -> set:
    """Check the saved video list against ``keys``; the indices of the scored videos."""
    os.makedirs(score_dir, exist_ok=True)
    list_file = osp.join(score_dir, 'videos.json')
    if osp.isfile(list_file):
        with open(list_file) as f:
            saved = json.load(f)
        if saved != keys:
            raise SystemExit(f'stillmix_frame_bank: {score_dir} holds scores of another video '
                             'list; use a new --work-dir or delete its scores/ folder.')
    else:
        with open(list_file, 'w') as f:
            json.dump(keys, f)
    done = set()
    for path in sorted(glob.glob(osp.join(score_dir, 'part_*.npz'))):
        with np.load(path) as part:
            done.update(part['done'].tolist())
    return done


def save_part(score_dir: str, rows: dict, done: List[int]) -> None:
    from mmdebias.utils import atomic_write
    path = osp.join(score_dir, f'part_{min(done):07d}_{max(done):07d}.npz')
    arrays = {k: np.asarray(v) for k, v in rows.items()}
    with atomic_write(path) as tmp:
        np.savez(tmp, done=np.asarray(done, dtype=np.int64), **arrays)


def load_scores(score_dir: str) -> dict:
    parts = [dict(np.load(p)) for p in sorted(glob.glob(osp.join(score_dir, 'part_*.npz')))]
    keys = ('video', 'frame', 'label', 'p_label', 'p_top1', 'top1')
    return {k: np.concatenate([p[k] for p in parts]) if parts else np.zeros(0) for k in keys}


def score_videos(model, videos, labels, keys, args) -> None:
    from mmengine.utils import ProgressBar
    score_dir = osp.join(args.work_dir, 'scores')
    done = score_dir_state(score_dir, keys)
    todo = [i for i in range(len(videos)) if i not in done]
    print(f'stillmix_frame_bank: scoring {len(todo)} videos ({len(done)} already scored)')
    if not todo:
        return
    bar = ProgressBar(len(todo), file=sys.stdout)
    from mmdebias.preparation.frame_loader import FrameLoader
    loader = FrameLoader(args.short_side, args.crop_size)
    rows = {k: [] for k in ('video', 'frame', 'label', 'p_label', 'p_top1', 'top1')}
    batch_done = []
    for index in todo:
        frames, inds = load_frames(loader, videos[index], stride=args.frame_stride)
        probs = frame_probs(model, frames, args.batch_size, args.device)
        if not 0 <= labels[index] < probs.shape[1]:
            raise SystemExit(f'stillmix_frame_bank: label {labels[index]} of {videos[index]} '
                             f'is outside the reference network\'s {probs.shape[1]} classes.')
        n = len(inds)
        rows['video'].append(np.full(n, index, np.int64))
        rows['frame'].append(inds.astype(np.int64))
        rows['label'].append(np.full(n, labels[index], np.int64))
        rows['p_label'].append(probs[:, labels[index]].astype(np.float32))
        rows['p_top1'].append(probs.max(1).astype(np.float32))
        rows['top1'].append(probs.argmax(1).astype(np.int64))
        batch_done.append(index)
        if len(batch_done) == args.save_every or index == todo[-1]:
            save_part(score_dir, {k: np.concatenate(v) for k, v in rows.items()}, batch_done)
            rows = {k: [] for k in rows}
            batch_done = []
        bar.update()
    sys.stdout.write('\n')


def select_frames(scores: dict, quantile, bank_size: int, rank_by: str,
                  seed: int) -> np.ndarray:
    """Indices (into ``scores``) of the bank's frames: a random draw from the quantile slice
    of the confidence ranking, sorted by (video, frame)."""
    key = scores['p_top1'] if rank_by == 'top1' else scores['p_label']
    n = len(key)
    order = np.argsort(key, kind='stable')  # ascending confidence
    low, high = int(np.floor(quantile[0] * n)), int(np.ceil(quantile[1] * n))
    pool = order[low:high]
    if len(pool) == 0:
        raise SystemExit('stillmix_frame_bank: the quantile slice holds no frame.')
    if len(pool) <= bank_size:
        print(f'stillmix_frame_bank: the slice holds {len(pool)} frames (<= --bank-size '
              f'{bank_size}); all are kept.')
        chosen = pool
    else:
        chosen = np.random.default_rng(seed).choice(pool, size=bank_size, replace=False)
    return chosen[np.lexsort((scores['frame'][chosen], scores['video'][chosen]))]


def main(argv=None) -> int:
    args = parse_args(argv)
    cfg = load_config(args.ref_config, args.cfg_options)
    videos, labels, data_root = read_videos(cfg, args.video_list, args.data_root)
    from mmdebias.datasets.pseudo_labels import video_key
    keys = [video_key(v, data_root) for v in videos]
    os.makedirs(args.work_dir, exist_ok=True)

    checkpoint = args.ref_checkpoint or train_reference(cfg, args.work_dir)
    model = build_reference(cfg, checkpoint, args.device)
    score_videos(model, videos, labels, keys, args)

    scores = load_scores(osp.join(args.work_dir, 'scores'))
    chosen = select_frames(scores, args.quantile, args.bank_size, args.rank_by, args.seed)
    from mmdebias.preparation.frame_loader import FrameLoader
    loader = FrameLoader(args.short_side, args.crop_size)
    frames = []
    for index in np.unique(scores['video'][chosen]).tolist():
        picks = chosen[scores['video'][chosen] == index]
        crops, _ = load_frames(loader, videos[index], frame_inds=scores['frame'][picks].tolist())
        frames.append(crops.permute(0, 2, 3, 1).numpy())  # [F, crop, crop, 3] uint8 RGB
    frames = np.concatenate(frames)

    from mmdebias.models.blendings.frame_bank import save_frame_bank
    rank_key = scores['p_top1'] if args.rank_by == 'top1' else scores['p_label']
    meta = dict(ref_config=args.ref_config, ref_checkpoint=checkpoint,
                quantile=list(args.quantile), rank_by=args.rank_by, seed=args.seed,
                short_side=args.short_side, crop_size=args.crop_size,
                frame_stride=args.frame_stride, frames_scored=int(len(rank_key)),
                videos_scored=len(videos), channel_order='RGB', normalised=False)
    save_frame_bank(args.out, frames, scores['label'][chosen],
                    [keys[i] for i in scores['video'][chosen]], scores['frame'][chosen],
                    rank_key[chosen], meta)
    print(f'stillmix_frame_bank: {len(frames)} frames of {len(np.unique(scores["video"][chosen]))} '
          f'videos ({len(rank_key)} scored, slice {list(args.quantile)} by {args.rank_by}) '
          f'-> {args.out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
