"""Check the datasets of a run against the model before the first step.

Without these checks a wrong annotation file surfaces late and without its name:

- a class label ``>= num_classes`` of the head is torch's ``IndexError: Target 7 is out of
  bounds`` in the first training batch that holds it (on a GPU a device-side assert that
  kills the process); at test time the metrics simply count the clip as wrong, and
  ``tools/test.py`` prints an accuracy and exits with 0;
- an empty annotation list fails inside mmengine (``need at least one array to
  concatenate``) or, unserialised, runs zero iterations and prints no metrics;
- a video shorter than one sampled clip is looped by ``SampleFrames`` without a word.

:class:`DatasetCheckHook` (in the project's runtime config; ``tools/train.py`` and
``tools/test.py`` add it to any config) checks every dataset the run has built, at
``before_run``; :func:`check_annotation_files` checks the annotation files named in a
config before anything is built (the tools call it).
"""
import json
import os.path as osp
from functools import partial
from typing import List, Optional, Sequence

from mmaction.datasets.transforms import SampleFrames
from mmaction.registry import HOOKS
from mmengine.dataset import BaseDataset, Compose
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper
from mmengine.runner import BaseLoop

from ...datasets.transforms.check_clip_length import (SHORT_CLIPS, CheckClipLength,
                                                      list_entry_location)
from ...utils.checks import check_choice

#: Data-info keys that hold class indices of the model's label space.
LABEL_KEYS = ('label', 'static_label')
LOADERS = ('train_dataloader', 'val_dataloader', 'test_dataloader')
_SHOWN = 5  # bad entries named in one error


def leaf_datasets(dataset) -> List:
    """The datasets inside dataset wrappers (``ConcatDataset.datasets``,
    ``RepeatDataset`` / ``ClassBalancedDataset.dataset``), in order."""
    inner = getattr(dataset, 'datasets', None)
    if isinstance(inner, (list, tuple)):
        return [leaf for d in inner for leaf in leaf_datasets(d)]
    inner = getattr(dataset, 'dataset', None)
    if inner is not None and inner is not dataset:
        return leaf_datasets(inner)
    return [dataset]


def entry_location(dataset, index: int) -> str:
    """Where entry ``index`` of ``dataset`` is written: ``'<ann_file>:<line>'`` for a text
    list (MMAction2's ``VideoDataset`` / ``RawframeDataset`` read one entry per line),
    ``'<ann_file>: entry <i>'`` for a JSON list, or what the dataset's own
    ``entry_location(index)`` says."""
    own = getattr(dataset, 'entry_location', None)
    if callable(own):
        return own(index)
    ann_file = getattr(dataset, 'ann_file', None)
    if not ann_file:  # a dataset read from a folder layout
        return f'{type(dataset).__name__} sample {index}'
    return list_entry_location(ann_file, index)


def _class_indices(value) -> Optional[list]:
    """The class indices a label value holds (an int, or a list of ints for multi-class
    lists), or None for labels that are not indices (soft / one-hot vectors, strings)."""
    if hasattr(value, 'tolist'):
        value = value.tolist()
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return [value]
    if isinstance(value, (list, tuple)) and value and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value):
        return list(value)
    return None


def check_dataset(dataset, num_classes: Optional[int], name: str = 'dataset') -> None:
    """Refuse an empty dataset, and class labels outside ``[0, num_classes)``.

    Every leaf dataset (see :func:`leaf_datasets`) must hold at least one sample; every
    ``label`` / ``static_label`` of its data list that is a class index (an int, or a list
    of them) must be ``>= 0`` and, when ``num_classes`` is given, ``< num_classes``.

    Raises:
        ValueError: naming ``name`` (e.g. ``'test_dataloader'``), the annotation file, the
            line / entry and the video of the first bad entries, how many there are, and the
            fix.
    """
    for leaf in leaf_datasets(dataset):
        if hasattr(leaf, 'full_init'):
            leaf.full_init()
        ann_file = getattr(leaf, 'ann_file', None)
        if len(leaf) == 0:
            raise ValueError(
                f'{name}: {type(leaf).__name__} has no samples (annotation file '
                f'{ann_file!r}); write its clips into the file, or point '
                f'{name}.dataset.ann_file at the right one.')
        if not hasattr(leaf, 'get_data_info'):
            continue
        bad, count = [], 0
        # the entries as read (mmengine's get_data_info): a multi-class dataset's own turns
        # the indices into a one-hot vector, and fails on an index >= its num_classes
        raw = (partial(BaseDataset.get_data_info, leaf) if isinstance(leaf, BaseDataset)
               else leaf.get_data_info)
        for index in range(len(leaf)):
            info = raw(index)
            for key in LABEL_KEYS:
                indices = _class_indices(info.get(key))
                if indices is None:
                    continue
                wrong = [i for i in indices
                         if i < 0 or (num_classes is not None and i >= num_classes)]
                if wrong:
                    count += 1
                    if len(bad) < _SHOWN:
                        video = info.get('filename', info.get('frame_dir'))
                        bad.append(f'{entry_location(leaf, index)}: {key} {wrong[0]}'
                                   + (f' (video {video})' if video else ''))
        if bad:
            bound = (f'the model has {num_classes} classes (cls_head.num_classes), class '
                     f'indices 0 .. {num_classes - 1}' if num_classes is not None else
                     'class indices are >= 0')
            more = f' and {count - len(bad)} more' if count > len(bad) else ''
            raise ValueError(
                f'{name}: {count} annotation(s) with a class label outside the model\'s '
                f'classes: {"; ".join(bad)}{more}. {bound}. Fix the labels in the annotation '
                'file (a negative label is an unlabelled line), or set '
                'model.cls_head.num_classes to the number of classes of this dataset.')


def add_clip_length_check(dataset, short_clips: str = 'warn') -> int:
    """Put a :class:`~mmdebias.datasets.CheckClipLength` right after the first
    ``SampleFrames`` of the pipelines of every leaf dataset (:func:`leaf_datasets`) that
    has none and does not check clip lengths itself (:class:`BiasVideoDataset`, its
    ``short_clips``): MMAction2's ``VideoDataset`` / ``RawframeDataset``,
    :class:`StillMixBiasDataset` (also its SCUFO pipeline), :class:`ALBARBiasDataset`. One
    check per dataset, shared by its pipelines, so a video is named once. Returns the
    number of pipelines changed; ``short_clips='loop'`` changes none."""
    check_choice(short_clips, SHORT_CLIPS, 'DatasetCheckHook: short_clips')
    if short_clips == 'loop':
        return 0
    changed = 0
    for leaf in leaf_datasets(dataset):
        if hasattr(leaf, 'short_clips'):
            continue
        pipelines = [p for p in vars(leaf).values() if isinstance(p, Compose)]
        check = CheckClipLength(short_clips, ann_file=getattr(leaf, 'ann_file', None) or None,
                                switch='default_hooks.dataset_check.short_clips')
        for pipeline in pipelines:
            transforms = pipeline.transforms
            at = next((i for i, t in enumerate(transforms) if isinstance(t, SampleFrames)),
                      None)
            if at is None or any(isinstance(t, CheckClipLength) for t in transforms):
                continue
            transforms.insert(at + 1, check)
            changed += 1
    return changed


def _num_classes(model) -> Optional[int]:
    if is_model_wrapper(model):
        model = model.module
    value = getattr(getattr(model, 'cls_head', None), 'num_classes', None)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


@HOOKS.register_module()
class DatasetCheckHook(Hook):
    """Check every dataset of the run against the model at ``before_run``.

    For the train / val / test dataloaders the run has built (training builds the train
    and val loops, a test run the test loop) it calls :func:`check_dataset` with the
    ``num_classes`` of the model's ``cls_head``: an empty dataset, or a class label
    (``label``, and ``static_label`` of :class:`BiasVideoDataset`) outside
    ``[0, num_classes)`` is a ``ValueError`` naming the dataloader, the annotation file, the
    line / entry, the video and the fix -- before the first step, instead of torch's
    ``Target 7 is out of bounds`` in some batch of the first epoch, or a test accuracy that
    silently counts the clip as wrong. Every label is read once per run, without decoding
    (0.7 s for a 100k-line list on one CPU core).

    Short clips: it also puts a :class:`~mmdebias.datasets.CheckClipLength` after
    ``SampleFrames`` in the pipelines of those datasets (:func:`add_clip_length_check`), so a
    video shorter than one sampled clip is named in a warning (``short_clips='warn'``), an
    error (``'error'``) or accepted silently (``'loop'``, MMAction2's behaviour) with any
    dataset, as :class:`BiasVideoDataset` does for its own clips.

    In the project's runtime config (``default_hooks.dataset_check``); ``tools/train.py`` and
    ``tools/test.py`` add it to configs that lack it. Switch it off in those tools with
    ``--cfg-options default_hooks.dataset_check=None``.
    """

    priority = 'VERY_HIGH'

    def __init__(self, short_clips: str = 'warn') -> None:
        self.short_clips = check_choice(short_clips, SHORT_CLIPS, 'DatasetCheckHook: short_clips')

    def before_run(self, runner) -> None:
        num_classes = _num_classes(runner.model)
        for name in LOADERS:
            loop = getattr(runner, f'_{name.split("_")[0]}_loop', None)
            loader = getattr(loop, 'dataloader', None) if isinstance(loop, BaseLoop) else None
            if loader is not None:
                check_dataset(loader.dataset, num_classes, name)
                add_clip_length_check(loader.dataset, self.short_clips)


def _dataset_cfgs(cfg) -> list:
    """The leaf dataset configs of a dataset config (wrappers unwrapped)."""
    if not isinstance(cfg, dict):
        return []
    if isinstance(cfg.get('datasets'), (list, tuple)):
        return [leaf for d in cfg['datasets'] for leaf in _dataset_cfgs(d)]
    if isinstance(cfg.get('dataset'), dict):
        return _dataset_cfgs(cfg['dataset'])
    return [cfg]


def check_annotation_files(cfg, loaders: Sequence[str] = LOADERS) -> None:
    """Refuse an existing but empty annotation file named by the dataloaders ``loaders`` of
    ``cfg`` (no non-blank line; for ``.json``, an empty list), before any dataset is built:
    a ``ValueError`` naming the dataloader, the file and the fix. Files that do not exist
    are left to the dataset (which names them)."""
    for loader in loaders:
        loader_cfg = cfg.get(loader)
        if not isinstance(loader_cfg, dict):
            continue
        for dataset in _dataset_cfgs(loader_cfg.get('dataset')):
            ann_file = dataset.get('ann_file')
            if not isinstance(ann_file, str) or not ann_file or '://' in ann_file:
                continue
            if dataset.get('data_root') and not osp.isabs(ann_file):
                ann_file = osp.join(dataset['data_root'], ann_file)
            if not osp.isfile(ann_file):
                continue
            with open(ann_file, encoding='utf-8', errors='replace') as f:
                text = f.read()
            empty = not text.strip()
            if not empty and ann_file.endswith('.json'):
                try:
                    empty = json.loads(text) in ([], {})
                except ValueError:
                    empty = False  # the dataset names the JSON error
            if empty:
                raise ValueError(
                    f'{loader}: the annotation file {ann_file} is empty (no clips: '
                    f'{osp.getsize(ann_file)} bytes); write one entry per clip ("filename '
                    f'label" lines for a VideoDataset list), or point {loader}.dataset.'
                    'ann_file at the right file.')


def add_dataset_check_hook(cfg) -> None:
    """Add :class:`DatasetCheckHook` to ``cfg.default_hooks`` (key ``dataset_check``)
    unless the config already has one; ``default_hooks.dataset_check=None`` switches it off
    (the key is then removed: mmengine accepts None only for its own default hooks)."""
    if cfg.get('default_hooks') is None:
        cfg.default_hooks = {}
    defaults = cfg.default_hooks
    if 'dataset_check' in defaults and defaults['dataset_check'] is None:
        defaults.pop('dataset_check')
        return
    def is_check(hook) -> bool:
        return isinstance(hook, DatasetCheckHook) or isinstance(hook, dict) and hook.get(
            'type') in ('DatasetCheckHook', DatasetCheckHook)

    if any(is_check(h) for h in list(defaults.values()) + list(cfg.get('custom_hooks') or [])):
        return
    defaults['dataset_check'] = dict(type='DatasetCheckHook')
