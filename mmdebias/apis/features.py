"""Penultimate features of a recognizer: per video (linear probes) and per clip (export).

The *penultimate* feature of a clip is what the action head's classifier reads: the
backbone's (and a neck's) last feature map averaged over space and time -- for TSN also over
the segments of the clip, the head's average consensus --, e.g. 2048-d for a ResNet-50 and
512-d for a ResNet-18 ("the last activations of the Conv5 block" of SDN, Choi et al.,
NeurIPS 2019, section 4.2). A video seen through several views (clips, crops) gets one
feature per view; :func:`dataset_features` averages them, :func:`view_features` keeps them.

All three users share this code: the scene-bias probe (``tools/analysis/scene_bias.py``),
the action linear probe (``tools/analysis/linear_probe.py``) and the clip-feature export
for temporal localisation / anomaly detection (``tools/misc/clip_feature_extraction.py``).
"""
import copy
import importlib.util
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np
import torch
from mmaction.registry import MODELS
from mmengine.runner import load_checkpoint
from mmengine.runner.checkpoint import _load_checkpoint

from ..models.utils import pooled_features
from ..utils.checks import check_int
from ..utils.safe_checkpoint import safe_checkpoint_loading

IMAGENET = dict(mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375])
OPTIONAL_SOURCES = {'torchvision.': 'torchvision', 'mmpretrain.': 'mmpretrain',
                    'mmcls.': 'mmcls', 'timm.': 'timm'}
FORMATS = ('NCTHW', 'NCHW')


def check_source(module_cfg: dict) -> None:
    """A clear error when a ``torchvision.`` (...) type needs a package that is missing."""
    module_type = module_cfg.get('type')
    if not isinstance(module_type, str):
        return
    for prefix, package in OPTIONAL_SOURCES.items():
        if module_type.startswith(prefix) and importlib.util.find_spec(package) is None:
            raise ImportError(f'model type {module_type!r} needs the {package!r} package, '
                              f'which is not installed (pip install {package}); or use an '
                              'MMAction2 backbone such as ResNet.')


def build_feature_model(model_cfg: dict, checkpoint: Optional[str],
                        strict: bool = False) -> torch.nn.Module:
    """A recognizer in eval mode with ``checkpoint`` loaded.

    ``model_cfg`` is an MMAction2 recognizer config (stock or with mmdebias parts; a
    debiasing head or an adversarial neck does not change the features), or a bare backbone
    such as ``dict(type='ResNet', depth=50)`` / ``dict(type='torchvision.resnet50')``, which is
    wrapped in a ``Recognizer2D`` with ImageNet normalisation; a backbone checkpoint may then
    have ``backbone.``-prefixed keys or none. ``strict=True`` makes a checkpoint that does not
    fit the model an error naming the keys (mmengine's ``load_checkpoint``); ``checkpoint=None``
    keeps the initial weights.
    """
    model_cfg = copy.deepcopy(dict(model_cfg))
    if 'backbone' in model_cfg:
        check_source(model_cfg['backbone'])
        model = MODELS.build(model_cfg)
        if checkpoint is not None:
            with safe_checkpoint_loading():
                load_checkpoint(model, checkpoint, map_location='cpu', strict=strict)
    else:
        check_source(model_cfg)
        model = MODELS.build(dict(
            type='Recognizer2D', backbone=model_cfg,
            data_preprocessor=dict(type='ActionDataPreprocessor', format_shape='NCHW',
                                   **IMAGENET)))
        if checkpoint is not None:
            with safe_checkpoint_loading():
                load_checkpoint(model.backbone, checkpoint, map_location='cpu', strict=strict,
                                revise_keys=[(r'^backbone\.', ''), (r'^module\.', '')])
    return model.eval()


def input_format(model) -> str:
    fmt = getattr(getattr(model, 'data_preprocessor', None), 'format_shape', None)
    if fmt not in FORMATS:
        raise ValueError(f'features: the data preprocessor of {type(model).__name__} has '
                         f'format_shape {fmt!r}; penultimate features are defined for '
                         f'{FORMATS} (3D clips, TSN segments).')
    return fmt


@torch.no_grad()
def view_features(model, inputs: torch.Tensor, frames_per_view: int = 1,
                  views_per_batch: Optional[int] = None) -> torch.Tensor:
    """Penultimate features of every view of a preprocessed batch: ``[N, V, C]`` (float32).

    Args:
        model: A recognizer in eval mode.
        inputs (Tensor): What its data preprocessor returns. ``NCTHW``: ``[N, V, C, T, H,
            W]``, one feature per clip / crop ``V``. ``NCHW``: ``[N, V * S, C, H, W]``, one
            feature per group of ``S = frames_per_view`` consecutive frames (TSN: the
            ``num_clips`` segments of a sample are one view, ``frames_per_view = num_clips``;
            clip-feature export: the frames of each clip).
        frames_per_view (int): ``S`` for ``NCHW``; ignored for ``NCTHW``.
        views_per_batch (int, optional): Views per forward pass (bounds memory on long
            videos). Defaults to all at once.
    """
    fmt = input_format(model)
    n = inputs.shape[0]
    if fmt == 'NCTHW':
        if inputs.dim() != 6:
            raise ValueError(f'view_features: NCTHW inputs must be [N, V, C, T, H, W], got '
                             f'{tuple(inputs.shape)}')
        views = inputs.flatten(0, 1)[:, None]  # [N * V, 1, C, T, H, W]
    else:
        if inputs.dim() != 5:
            raise ValueError(f'view_features: NCHW inputs must be [N, V * S, C, H, W], got '
                             f'{tuple(inputs.shape)}')
        if frames_per_view < 1 or inputs.shape[1] % frames_per_view:
            raise ValueError(f'view_features: {inputs.shape[1]} frames per sample do not '
                             f'split into views of frames_per_view={frames_per_view}.')
        views = inputs.reshape((-1, frames_per_view) + inputs.shape[2:])  # [N * V, S, ...]
    chunk = views_per_batch or len(views)
    feats = []
    for part in views.split(chunk):
        x, _ = model.extract_feat(part, test_mode=True)
        feats.append(pooled_features(x, len(part)).float())
    out = torch.cat(feats)
    if not bool(torch.isfinite(out).all()):
        raise ValueError('view_features: the model produced non-finite (NaN/inf) features; '
                         'check its checkpoint and the input normalisation.')
    return out.view(n, -1, out.shape[-1])


def batch_features(model, data_batch: dict, frames_per_view: Optional[int] = None,
                   views_per_batch: Optional[int] = None) -> Tuple[torch.Tensor, list]:
    """``(features [N, V, C], data samples)`` of a dataloader batch (preprocessed by the
    model's data preprocessor, test mode). ``frames_per_view`` defaults to all frames of a
    sample for ``NCHW`` (one TSN view) and is unused for ``NCTHW``."""
    data = model.data_preprocessor(data_batch, False)
    inputs = data['inputs']
    if isinstance(inputs, (list, tuple)):
        raise ValueError('batch_features: the samples of a batch have different shapes; '
                         'use batch_size=1 or a pipeline with a fixed number of clips.')
    if input_format(model) == 'NCHW' and frames_per_view is None:
        frames_per_view = inputs.shape[1]
    return view_features(model, inputs, frames_per_view or 1,
                         views_per_batch), data['data_samples']


def dataset_features(model, dataloader: Iterable, views_per_batch: Optional[int] = None,
                     progress: bool = False) -> Tuple[np.ndarray, np.ndarray]:
    """Per-video penultimate features (views averaged) and labels of a dataloader:
    ``(features [N, C] float64, labels [N] int64)``. A sample without a single-class label
    (multi-label / soft labels) is an error naming it."""
    feats, labels = [], []
    if progress:
        from mmengine.utils import ProgressBar
        bar = ProgressBar(len(dataloader.dataset))
    for batch in dataloader:
        x, samples = batch_features(model, batch, views_per_batch=views_per_batch)
        feats.append(x.mean(dim=1).double().cpu().numpy())
        for sample in samples:
            labels.append(_single_label(sample))
            if progress:
                bar.update()
    if not feats:
        raise ValueError('dataset_features: the dataloader yielded no samples (an empty '
                         'annotation list?).')
    return np.concatenate(feats), np.asarray(labels, dtype=np.int64)


def _single_label(sample) -> int:
    label = sample.get('gt_label', None)
    if label is None:
        raise ValueError(f'dataset_features: sample {_name(sample)} has no gt_label.')
    label = torch.as_tensor(label).flatten()
    if label.numel() != 1:
        raise ValueError(f'dataset_features: sample {_name(sample)} has a label of '
                         f'{label.numel()} values; the linear probe needs one class index '
                         'per video (single-label datasets).')
    return int(label.item())


def _name(sample) -> str:
    for key in ('filename', 'video_id', 'frame_dir'):
        value = sample.metainfo.get(key) if hasattr(sample, 'metainfo') else None
        if value is not None:
            return str(value)
    return '?'


def load_feature_weights(model, checkpoint: str) -> List[str]:
    """Load the weights the penultimate features depend on -- everything but the action
    head -- strictly: a key of the model outside ``cls_head.`` that the checkpoint lacks, or
    a checkpoint key outside ``cls_head.`` the model lacks, is an error naming it. A head of
    another shape or none at all (a ``drop_head`` export) is fine: the probe does not use it.

    Returns:
        list[str]: The model's head keys that were not loaded.
    """
    with safe_checkpoint_loading():
        loaded = _load_checkpoint(checkpoint, map_location='cpu')
    state = loaded.get('state_dict', loaded) if isinstance(loaded, dict) else None
    if not isinstance(state, dict):
        raise ValueError(f'{checkpoint}: holds no state dict.')
    state = {k[len('module.'):] if k.startswith('module.') else k: v for k, v in state.items()}
    own = model.state_dict()
    head = [k for k in state if k.startswith('cls_head.')]
    fits = [k for k in head if k in own and own[k].shape == state[k].shape]
    state = {k: v for k, v in state.items() if not k.startswith('cls_head.') or k in fits}
    shapes = [f'{k} {tuple(v.shape)} vs {tuple(own[k].shape)}' for k, v in state.items()
              if k in own and v.shape != own[k].shape]
    missing = sorted(set(own) - set(state))
    missing = [k for k in missing if not k.startswith('cls_head.')]
    unexpected = sorted(set(state) - set(own))
    if missing or unexpected or shapes:
        raise RuntimeError(
            f'{checkpoint} does not fit the model of the config: missing keys {missing[:10]}, '
            f'unexpected keys {unexpected[:10]}, shape mismatches (checkpoint vs model) '
            f'{shapes[:5]}. Pass the config the checkpoint was trained '
            'with, or its stock export with the stock config '
            '(tools/model_converters/export_stock_checkpoint.py).')
    model.load_state_dict(state, strict=False)
    return [k for k in own if k.startswith('cls_head.') and k not in fits]


#: frame samplers of MMAction2 test pipelines that the clip export replaces
SAMPLERS = ('SampleFrames', 'UntrimmedSampleFrames', 'UniformSample', 'UniformSampleFrames',
            'DenseSampleFrames')
MULTI_CROPS = ('ThreeCrop', 'TenCrop')
CLIP_META = ('total_frames', 'avg_fps', 'num_clips', 'clip_len', 'frame_interval',
             'clip_interval')


class ClipFeatureExtractor:
    r"""Penultimate features of every clip of a video, for temporal localisation and anomaly
    detection (one ``[num_clips, C]`` array per video).

    Clips are laid out as MMAction2's ``UntrimmedSampleFrames`` (and its
    ``tools/misc/clip_feature_extraction.py --long-video-mode``) lays them out: clip
    :math:`k` is centred on frame :math:`c_k = \lfloor s/2 \rfloor + k s` (stride
    :math:`s` = ``clip_interval``) and holds frames
    :math:`c_k + d\,(j - \lfloor L/2 \rfloor)`, :math:`j < L` (``clip_len`` :math:`L`,
    ``frame_interval`` :math:`d`), clipped to the video; ``num_clips`` =
    :math:`\lceil (F - \lfloor s/2 \rfloor) / s \rceil` for :math:`F` frames. The
    config's test pipeline is used with its frame sampler replaced by that sampling and a
    multi-crop (``ThreeCrop`` / ``TenCrop``) by a ``CenterCrop`` of the same size, so that
    each clip is one view. For a 3D model ``clip_len`` / ``frame_interval`` default to the
    sampler's; for a 2D model (TSN) a clip is ``clip_len`` frames (default: the sampler's
    ``num_clips``) whose features are averaged, the head's consensus. Clips go through the
    model ``clips_per_batch`` at a time, decoded chunk by chunk, so a long video never sits
    in memory whole.

    Args:
        model: A recognizer in eval mode.
        test_pipeline (list[dict]): The config's test pipeline.
        clip_interval (int): Stride :math:`s` between clip centres, in frames.
        clip_len (int, optional): Frames per clip :math:`L`.
        frame_interval (int, optional): Gap :math:`d` between sampled frames.
        clips_per_batch (int): Clips decoded and passed through the model at once.
    """

    def __init__(self, model, test_pipeline: List[dict], clip_interval: int,
                 clip_len: Optional[int] = None, frame_interval: Optional[int] = None,
                 clips_per_batch: int = 32) -> None:
        from mmaction.registry import TRANSFORMS
        from mmcv.transforms import Compose
        self.model = model
        self.is_3d = input_format(model) == 'NCTHW'
        for name, value in (('clip_interval', clip_interval), ('clips_per_batch',
                                                                clips_per_batch)):
            check_int(value, f'ClipFeatureExtractor: {name}', 1)
        pipeline = [dict(t) for t in test_pipeline]
        found = [i for i, t in enumerate(pipeline) if t.get('type') in SAMPLERS]
        if len(found) != 1:
            raise ValueError(f'ClipFeatureExtractor: the test pipeline must hold one frame '
                             f'sampler ({", ".join(SAMPLERS)}), found {len(found)}: '
                             f'{[t.get("type") for t in pipeline]}.')
        index = found[0]
        sampler = pipeline[index]
        if clip_len is None:
            clip_len = sampler.get('clip_len', 1) if self.is_3d else sampler.get('num_clips', 1)
        if frame_interval is None:
            frame_interval = sampler.get('frame_interval', 1)
        for name, value in (('clip_len', clip_len), ('frame_interval', frame_interval)):
            check_int(value, f'ClipFeatureExtractor: {name}', 1)
        self.clip_len, self.frame_interval = clip_len, frame_interval
        self.clip_interval, self.clips_per_batch = clip_interval, clips_per_batch
        self.sampler = TRANSFORMS.build(dict(
            type='UntrimmedSampleFrames', clip_len=clip_len, clip_interval=clip_interval,
            frame_interval=frame_interval))
        rest = []
        for t in pipeline[index + 1:]:
            if t.get('type') in MULTI_CROPS:
                t = dict(type='CenterCrop', crop_size=t['crop_size'])
            if t.get('type') == 'PackActionInputs':
                t['meta_keys'] = tuple(dict.fromkeys(tuple(t.get('meta_keys', ())) + CLIP_META))
            rest.append(t)
        self.load = Compose([TRANSFORMS.build(t) for t in pipeline[:index]])
        self.decode = Compose([TRANSFORMS.build(t) for t in rest])

    def layout(self) -> Dict:
        """The sampling, as recorded next to the features."""
        return dict(clip_len=self.clip_len, frame_interval=self.frame_interval,
                    clip_interval=self.clip_interval,
                    clip_centres='c_k = clip_interval // 2 + k * clip_interval',
                    clip_frames='c_k + frame_interval * (j - clip_len // 2), j < clip_len, '
                    'clipped to [0, total_frames - 1]')

    @torch.no_grad()
    def __call__(self, path: str) -> Tuple[np.ndarray, Dict]:
        """``(features [num_clips, C] float32, dict(total_frames, fps, num_clips))``."""
        from mmdebias.datasets.video_errors import is_decode_error, video_error
        try:
            results = self.load(dict(filename=path, start_index=0, modality='RGB', label=-1))
            if not results.get('total_frames'):
                raise ValueError(f'ClipFeatureExtractor: video {path} has no frames.')
            if results['total_frames'] <= self.clip_interval // 2:
                raise ValueError(
                    f'ClipFeatureExtractor: video {path} has {results["total_frames"]} '
                    f'frames, so no clip centre (frame {self.clip_interval // 2} + k * '
                    f'{self.clip_interval}) falls inside it; use a clip_interval of at most '
                    f'{2 * results["total_frames"] - 1}, or leave the video out.')
            results = self.sampler(results)
            inds = np.asarray(results['frame_inds']).reshape(-1, self.clip_len)
            feats = []
            for start in range(0, len(inds), self.clips_per_batch):
                part = dict(results, frame_inds=inds[start:start + self.clips_per_batch]
                            .reshape(-1), num_clips=len(inds[start:start +
                                                              self.clips_per_batch]))
                packed = self.decode(part)
                x, _ = batch_features(self.model, dict(inputs=[packed['inputs']],
                                                       data_samples=[packed['data_samples']]),
                                      frames_per_view=self.clip_len)
                feats.append(x[0].cpu().numpy())
        except Exception as error:
            if is_decode_error(error):
                raise video_error(path, error, 'decode') from error
            raise
        return np.concatenate(feats).astype(np.float32), dict(
            total_frames=int(results['total_frames']), fps=float(results.get('avg_fps', 0.0)),
            num_clips=int(len(inds)))
