import os
import os.path as osp
import re
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Union

from mmaction.datasets import BaseActionDataset
from mmaction.registry import DATASETS

from .label_lists import read_class_list, read_label_table, ucf101_class_of
from .transforms.zip_frame_init import is_frame_name, zip_frame_names

FOLDER_NAMES = dict(scuba='SCUBA', scufo='SCUFO')


def video_name_candidates(stem: str) -> List[str]:
    """Names of the original video a clip may be cut from, most specific first: the clip
    name itself, then without a trailing background-draw suffix ``__<k>``, then without a
    trailing ``_<k>``."""
    names = [stem, re.sub(r'__\d+$', '', stem), re.sub(r'_\d+$', '', stem)]
    return [n for i, n in enumerate(names) if n and n not in names[:i]]


@DATASETS.register_module()
class ALBARBiasDataset(BaseActionDataset):
    r"""The SCUBA / SCUFO clips as ALBAR's loader reads them (Fioresi et al., "ALBAR:
    Adversarial Learning approach to mitigate Biases in Action Recognition", ICLR 2025),
    for :class:`~mmdebias.evaluation.metrics.StaticBiasMetric`.

    Layout, one folder per set and background source under ``data_root``
    (``folder_tmpl='{dataset}_{protocol}_{background}'``)::

        <data_root>/<DS>_SCUBA_<bg>/<clip>.zip   # a zip of the clip's jpg frames
        <data_root>/<DS>_SCUFO_<bg>/<clip>.jpg   # the SCUFO clip's static frame

    e.g. ``HMDB51_SCUBA_Places365/``. The frames of a zip are its image members in
    ``sorted`` name order, read in memory by :class:`ZipFrameInit` /
    :class:`ZipFrameDecode` (put them in the pipeline in place of ``DecordInit`` /
    ``DecordDecode``); a SCUFO ``.jpg`` is a clip of one frame, which ``SampleFrames``
    repeats over the clip, as ALBAR's loader does. ALBAR's corrected UCF101 protocol (actor
    masks without background leakage) has the same layout.

    The release has no label file: a clip's label is that of the original video it was cut
    from, looked up by name --

    * ``class_list`` (UCF101): the class in the name ``v_<Class>_gXX_cYY...``, looked up
      case-insensitively in a class list (``classInd.txt``, an MMAction2 label map, or
      ALBAR's ``action_classes.json``);
    * ``label_file`` (HMDB51, Kinetics-400): the dataset's own labelled list (an MMAction2
      list, e.g. ``hmdb51_val_split_1_videos.txt``, or a ``filename,label`` CSV); the clip
      ``<video>__<k>`` (or ``<video>_<k>``, or ``<video>``) takes the label of ``<video>``.

    Every clip carries ``protocol`` (``'scuba'`` / ``'scufo'``), ``background`` (the
    source's name: the metric reports per source and pooled), ``pair_id = '<background>/
    <clip>'`` (a SCUBA clip and the SCUFO frame of the same name are a pair: paired by name,
    never by order) and ``video_id`` (the clip's name); keep them with
    ``PackActionInputs(meta_keys=('video_id', 'pair_id', 'protocol', 'background'))``.

    Bad input is an error naming the file: a missing set folder, a file that is neither a
    ``.zip`` (SCUBA) nor an image (SCUFO), a zip that is not readable or holds no frames
    (``check_files``), a SCUFO frame without its SCUBA clip or a SCUBA clip without its
    SCUFO frame (when both are loaded), a clip whose video is not in the label file (or
    whose class is not in the class list) and a label outside ``[0, num_classes)`` (naming
    the label file's line).

    Args:
        data_root (str): The folder holding the ``<DS>_SCUBA_<bg>`` / ``<DS>_SCUFO_<bg>``
            folders.
        dataset (str): ``<DS>`` of the folder names, e.g. ``'HMDB51'``, ``'UCF101'``,
            ``'K400'``.
        backgrounds (sequence[str] | dict): The background folder names ``<bg>`` (e.g.
            ``['Places365', 'VQGAN', 'Stripe']``), or ``{name: <bg>}`` to report them under
            other names (e.g. ``{'places365': 'Places365'}``).
        pipeline (list): The test pipeline, decoding with ``ZipFrameInit`` /
            ``ZipFrameDecode``.
        protocols (sequence[str]): ``'scuba'`` and/or ``'scufo'``. Defaults to both.
        label_file (str, optional): Labelled list of the original videos.
        class_list (str, optional): Class list, for labels from UCF101 names. Exactly one
            of ``label_file`` and ``class_list``.
        num_classes (int, optional): Number of classes; labels must be below it.
        folder_tmpl (str): Folder names; ``{protocol}`` is ``SCUBA`` / ``SCUFO``.
        check_files (bool): Open every zip's directory when the dataset is built (a zip
            without frames is reported then rather than mid-test). Defaults to True.
    """

    def __init__(self, data_root: str, dataset: str,
                 backgrounds: Union[Sequence[str], Mapping[str, str]],
                 pipeline: List[Union[dict, Callable]],
                 protocols: Sequence[str] = ('scuba', 'scufo'),
                 label_file: Optional[str] = None, class_list: Optional[str] = None,
                 num_classes: Optional[int] = None,
                 folder_tmpl: str = '{dataset}_{protocol}_{background}',
                 check_files: bool = True, test_mode: bool = True, **kwargs) -> None:
        if (label_file is None) == (class_list is None):
            raise ValueError('ALBARBiasDataset: give exactly one of label_file (HMDB51, '
                             'Kinetics-400: the labelled list of the original videos) and '
                             'class_list (UCF101: labels from the class in v_<Class>_gXX_cYY)')
        if isinstance(backgrounds, str) or not backgrounds:
            raise ValueError(f'ALBARBiasDataset: backgrounds must be a non-empty list of '
                             f'background folder names or a dict, got {backgrounds!r}')
        self.backgrounds = (dict(backgrounds) if isinstance(backgrounds, Mapping) else
                            {str(b): str(b) for b in backgrounds})
        self.protocols = tuple(protocols)
        if not self.protocols or any(p not in FOLDER_NAMES for p in self.protocols):
            raise ValueError(f"ALBARBiasDataset: protocols must be 'scuba' and/or 'scufo', "
                             f'got {protocols!r}')
        if num_classes is not None and (isinstance(num_classes, bool) or
                                        not isinstance(num_classes, int) or num_classes < 1):
            raise ValueError(f'ALBARBiasDataset: num_classes must be an int >= 1, got '
                             f'{num_classes!r}')
        self.dataset_name = dataset
        self.label_file, self.class_list = label_file, class_list
        self.folder_tmpl = folder_tmpl
        self.check_files = check_files
        super().__init__('', pipeline=pipeline, data_root=data_root,
                         data_prefix=dict(img=''), num_classes=num_classes, start_index=0,
                         test_mode=test_mode, **kwargs)

    def _folder(self, protocol: str, background: str) -> str:
        folder = osp.join(self.data_root, self.folder_tmpl.format(
            dataset=self.dataset_name, protocol=FOLDER_NAMES[protocol], background=background))
        if not osp.isdir(folder):
            present = sorted(n for n in os.listdir(self.data_root)
                             if osp.isdir(osp.join(self.data_root, n))) if osp.isdir(
                                 self.data_root) else []
            raise FileNotFoundError(
                f'ALBARBiasDataset: set folder {folder} does not exist (data_root '
                f'{self.data_root!r}, folder_tmpl {self.folder_tmpl!r}); folders there: '
                f'{present[:20] or "none"}. Check data_root, dataset and backgrounds.')
        return folder

    def _files(self, folder: str, protocol: str) -> Dict[str, str]:
        """``clip name -> path`` of a set folder (hidden files are skipped)."""
        files = {}
        for name in sorted(os.listdir(folder)):
            if name.startswith('.'):
                continue
            path = osp.join(folder, name)
            stem, ext = osp.splitext(name)
            ok = (ext.lower() == '.zip' if protocol == 'scuba' else is_frame_name(name))
            if not ok or not osp.isfile(path):
                expected = ('a .zip of the clip\'s frames' if protocol == 'scuba' else
                            'the static frame, an image (.jpg)')
                raise ValueError(f'ALBARBiasDataset: {path} is not {expected}; a '
                                 f'{FOLDER_NAMES[protocol]} folder holds one per clip. '
                                 'Remove it or check the folder.')
            if stem in files:
                raise ValueError(f'ALBARBiasDataset: clip {stem!r} twice in {folder}: '
                                 f'{osp.basename(files[stem])} and {name}')
            files[stem] = path
        if not files:
            raise ValueError(f'ALBARBiasDataset: {folder} holds no clips')
        return files

    def _labeller(self) -> Callable[[str, str], int]:
        bound = self.num_classes
        if self.class_list is not None:
            classes = read_class_list(self.class_list)

            def label(stem: str, path: str) -> int:
                name = ucf101_class_of(stem)
                if name is None or name.lower() not in classes:
                    raise ValueError(
                        f'ALBARBiasDataset: {path}: ' + (
                            'the name is not a UCF101 clip name v_<Class>_gXX_cYY...'
                            if name is None else
                            f'class {name!r} is not in the class list {self.class_list}'))
                value = classes[name.lower()]
                if bound is not None and value >= bound:
                    raise ValueError(f'{self.class_list}: class {name!r} has label {value}, '
                                     f'outside num_classes={bound}')
                return value
            return label

        table = read_label_table(self.label_file)

        def label(stem: str, path: str) -> int:
            for name in video_name_candidates(stem):
                if name in table:
                    value, line = table[name]
                    if bound is not None and value >= bound:
                        raise ValueError(f'{self.label_file}:{line}: label {value} of '
                                         f'{name!r} is outside num_classes={bound} (class '
                                         'indices 0 .. num_classes - 1)')
                    return value
            raise ValueError(f'ALBARBiasDataset: {path}: no video '
                             f'{" / ".join(map(repr, video_name_candidates(stem)))} in the '
                             f'label file {self.label_file}; give the labelled list of the '
                             'test videos the clips were made from.')
        return label

    def load_data_list(self) -> List[Dict]:
        """Scan the set folders and check them (see the class docstring)."""
        label = self._labeller()
        data_list = []
        for name, background in self.backgrounds.items():
            sets = {p: self._files(self._folder(p, background), p) for p in self.protocols}
            if len(sets) == 2:
                scuba, scufo = sets['scuba'], sets['scufo']
                lone = sorted(set(scufo) - set(scuba))
                if lone:
                    raise ValueError(f'ALBARBiasDataset: SCUFO frame {scufo[lone[0]]} has no '
                                     f'SCUBA clip {lone[0]}.zip in '
                                     f'{osp.dirname(next(iter(scuba.values())))}'
                                     f'{f" ({len(lone)} such frames)" if len(lone) > 1 else ""}'
                                     '; SCUBA and SCUFO clips are paired by name.')
                lone = sorted(set(scuba) - set(scufo))
                if lone:
                    raise ValueError(f'ALBARBiasDataset: SCUBA clip {scuba[lone[0]]} has no '
                                     f'SCUFO frame {lone[0]}.jpg in '
                                     f'{osp.dirname(next(iter(scufo.values())))}'
                                     f'{f" ({len(lone)} such clips)" if len(lone) > 1 else ""}'
                                     "; load protocols=('scuba',) alone if the SCUFO set is "
                                     'partial.')
            for protocol, files in sets.items():
                for stem, path in files.items():
                    if self.check_files and protocol == 'scuba':
                        zip_frame_names(path)
                    data_list.append(dict(
                        filename=path, label=label(stem, path), protocol=protocol,
                        background=str(name), pair_id=f'{name}/{stem}', video_id=stem))
        return data_list

    def entry_location(self, index: int) -> str:
        """The clip file of entry ``index`` and where its label comes from (for errors
        about it, e.g. of :class:`~mmdebias.engine.hooks.DatasetCheckHook`)."""
        source = self.label_file if self.label_file is not None else self.class_list
        return f'{self.get_data_info(index)["filename"]} (label from {source})'

    def prepare_data(self, idx: int):
        """Run the pipeline; errors name the clip file."""
        info = self.get_data_info(idx)
        try:
            return self.pipeline(info)
        except Exception as error:
            error.add_note(f'ALBARBiasDataset: while loading {info["protocol"]} clip '
                           f'{info["filename"]}')
            raise
