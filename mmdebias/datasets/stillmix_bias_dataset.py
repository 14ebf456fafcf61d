import os.path as osp
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

from mmaction.datasets import BaseActionDataset
from mmaction.registry import DATASETS, TRANSFORMS
from mmengine.dataset import Compose

SOURCE_KEYS = ('background', 'ann_file', 'data_prefix', 'filename_tmpl')
CONFLFG_KEYS = ('background', 'dynamic_list', 'static_list', 'data_prefix', 'filename_tmpl')
DEFAULT_SCUFO = dict(type='StaticFrameRepeat', frame_index='random', seed=0)


def _as_list(value, name: str) -> List[dict]:
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, dict) for v in value):
        return list(value)
    raise TypeError(f'StillMixBiasDataset: {name} must be a dict or a list of dicts, got '
                    f'{type(value).__name__}')


def insert_after_decode(transforms: Sequence, extra: Callable) -> List:
    """``transforms`` with ``extra`` inserted right after the first decoding transform (a
    class whose name ends with ``Decode``: ``RawFrameDecode``, ``DecordDecode``, ...)."""
    names = [type(t).__name__ for t in transforms]
    decode = next((i for i, name in enumerate(names) if name.endswith('Decode')), None)
    if decode is None:
        raise ValueError(f'StillMixBiasDataset: the pipeline has no decoding transform '
                         f'(RawFrameDecode, DecordDecode, ...) to put the SCUFO frame repeat '
                         f'after; it is {names}.')
    return list(transforms[:decode + 1]) + [extra] + list(transforms[decode + 1:])


@DATASETS.register_module()
class StillMixBiasDataset(BaseActionDataset):
    r"""The released SCUBA / SCUFO / Confl-FG benchmarks of StillMix (Li et al., "Mitigating
    and Evaluating Static Bias of Action Representations in the Background and the
    Foreground", ICCV 2023), read as released: lists and frame folders, for
    :class:`~mmdebias.evaluation.metrics.StaticBiasMetric`.

    **SCUBA** (static cues in the background): one list per background source (Places365,
    VQGAN-CLIP, sinusoidal stripes), one line per clip::

        <video>__<k> <num_frames> <label>

    ``<video>__<k>`` is the folder of the clip's frames (``<video>`` the original test video,
    ``k`` its k-th background draw) under the source's ``data_prefix``, holding
    ``frame000001.jpg`` ... (``filename_tmpl='frame{:06d}.jpg'``, ``start_index=1``;
    Kinetics-400: ``'{:06d}.jpg'``), and ``label`` the 0-based class of MMAction2's class
    list. This is MMAction2's rawframe list format; the frames are read by ``RawFrameDecode``.

    **SCUFO** (static cues in the foreground) is not released as files: the official test
    runs the SCUBA list again with one randomly sampled frame repeated over the clip
    (StillMix's ``TemporalSelect``). Here every SCUBA clip is also a SCUFO clip (with
    ``'scufo'`` in ``protocols``), loaded by the same pipeline with ``scufo_transform``
    inserted right after its decoding transform -- by default
    ``StaticFrameRepeat(frame_index='random', seed=0)``: one of the sampled frames, drawn per
    clip from the seed and the clip's name, identical in every run. For a 3D model tested
    on several clips per video give ``scope='clip'`` (one frame position, each clip repeats
    its own frame there), which is what StillMix's test does for 3D models.

    **Confl-FG** (conflicting foreground): two row-aligned lists, ``dynamic_testlist01.txt``
    (``<clip> <num_frames> <label of the moving actor>``) and ``static_testlist01.txt``
    (the same rows, ending with the label of the static actor); row ``i`` of both is clip
    ``i``, the official script's definition. Their row counts must be equal; when the static
    list names clips, the names must agree on every row (a list agreeing on some rows only
    is a misaligned copy).

    Every clip carries, for the metric (keep them with ``PackActionInputs(meta_keys=
    ('video_id', 'pair_id', 'protocol', 'background', 'static_label'))``):
    ``protocol`` (``'scuba'`` / ``'scufo'`` / ``'conflfg'``), ``background`` (the source's
    name, e.g. ``'places365'``: the metric reports every key per source, ``...@places365``,
    and pooled over all), ``pair_id = '<background>/<clip>'`` (a SCUBA clip and its SCUFO
    clip share it: they are paired by name, never by row order), ``video_id`` (the clip's
    name) and for Confl-FG ``static_label``.

    Bad input is an error naming the list file and the line: a line that is not
    ``<clip> <num_frames> <label>``, a missing clip folder, a folder without its first or
    last frame (``check_frames``), a label outside ``[0, num_classes)``, a clip listed twice,
    two sources with one background name, Confl-FG lists of different lengths or with
    disagreeing names. A frame that cannot be read at test time names the clip and its line.

    Example (HMDB51; ``configs/_base_/datasets/released/`` has the four benchmarks)::

        dataset = dict(
            type='StillMixBiasDataset', num_classes=51, pipeline=test_pipeline,
            scuba=[dict(background='places365', ann_file=f'{root}/places365/testlist01.txt',
                        data_prefix=f'{root}/places365/generated_videos'), ...],
            conflfg=dict(background='stripes',
                         dynamic_list=f'{root}/conflfg/dynamic_testlist01.txt',
                         static_list=f'{root}/conflfg/static_testlist01.txt',
                         data_prefix=f'{root}/conflfg/generated_videos'))

    Args:
        pipeline (list): The test pipeline, decoding with ``RawFrameDecode``.
        scuba (dict | list[dict]): The SCUBA lists: ``background``, ``ann_file``,
            ``data_prefix`` (the folder holding the clip folders) and optionally
            ``filename_tmpl``.
        conflfg (dict | list[dict], optional): The Confl-FG lists: ``background``,
            ``dynamic_list``, ``static_list``, ``data_prefix``, optionally ``filename_tmpl``.
        protocols (sequence[str]): Which of ``'scuba'``, ``'scufo'`` to make of the SCUBA
            lists. Defaults to both.
        filename_tmpl (str): Frame file names. Defaults to ``'frame{:06d}.jpg'``.
        start_index (int): Number of the first frame. Defaults to 1.
        num_classes (int, optional): Number of classes; labels must be below it.
        scufo_transform (dict): The transform that makes a SCUFO clip of decoded frames.
        check_frames (bool): Check that every clip's first and last frames exist when the
            lists are read. Defaults to True.
    """

    def __init__(self, pipeline: List[Union[dict, Callable]],
                 scuba: Union[dict, Sequence[dict], None] = None,
                 conflfg: Union[dict, Sequence[dict], None] = None,
                 protocols: Sequence[str] = ('scuba', 'scufo'),
                 filename_tmpl: str = 'frame{:06d}.jpg', start_index: int = 1,
                 num_classes: Optional[int] = None,
                 scufo_transform: dict = DEFAULT_SCUFO, check_frames: bool = True,
                 test_mode: bool = True, **kwargs) -> None:
        self.scuba = _as_list(scuba, 'scuba')
        self.conflfg = _as_list(conflfg, 'conflfg')
        for name, sources, keys in (('scuba', self.scuba, SOURCE_KEYS),
                                    ('conflfg', self.conflfg, CONFLFG_KEYS)):
            for source in sources:
                required = [k for k in keys if k != 'filename_tmpl']
                missing = [k for k in required if not source.get(k)]
                unknown = sorted(set(source) - set(keys))
                if missing or unknown:
                    raise ValueError(f'StillMixBiasDataset: {name} entry {source} '
                                     f'{"lacks " + str(missing) if missing else ""}'
                                     f'{" has unknown keys " + str(unknown) if unknown else ""}'
                                     f'; give {list(keys)}.')
        self.protocols = tuple(protocols)
        bad = [p for p in self.protocols if p not in ('scuba', 'scufo')]
        if bad or not self.protocols:
            raise ValueError(f"StillMixBiasDataset: protocols must be 'scuba' and/or 'scufo', "
                             f'got {protocols!r} (Confl-FG comes from conflfg=...)')
        if not self.scuba and not self.conflfg:
            raise ValueError('StillMixBiasDataset: give the SCUBA lists (scuba=...) and/or '
                             'the Confl-FG lists (conflfg=...)')
        if num_classes is not None and (isinstance(num_classes, bool) or
                                        not isinstance(num_classes, int) or num_classes < 1):
            raise ValueError(f'StillMixBiasDataset: num_classes must be an int >= 1, got '
                             f'{num_classes!r}')
        self.filename_tmpl = filename_tmpl
        self.check_frames = check_frames
        backgrounds = [s['background'] for s in self.scuba]
        repeated = sorted({b for b in backgrounds if backgrounds.count(b) > 1})
        if repeated:
            raise ValueError(f'StillMixBiasDataset: background(s) {repeated} name two SCUBA '
                             'lists; give each background source its own name.')
        super().__init__('', pipeline=pipeline, data_prefix=dict(img=''),
                         num_classes=num_classes, start_index=start_index,
                         test_mode=test_mode, **kwargs)
        self.scufo_pipeline = None
        if 'scufo' in self.protocols and self.scuba:
            self.scufo_pipeline = Compose(insert_after_decode(
                self.pipeline.transforms, TRANSFORMS.build(dict(scufo_transform))))

    # ---------------------------------------------------------------- reading the lists
    def _parse(self, path: str) -> List[Tuple[int, List[str]]]:
        if not osp.isfile(path):
            raise FileNotFoundError(f'StillMixBiasDataset: list {path} does not exist')
        with open(path, encoding='utf-8') as f:
            rows = [(n, line.split()) for n, line in enumerate(f, 1) if line.strip()]
        if not rows:
            raise ValueError(f'{path}: the list is empty; expected "<clip> <num_frames> '
                             '<label>" lines.')
        return rows

    def _label(self, text: str, path: str, line: int, what: str = 'label') -> int:
        try:
            label = int(text)
        except ValueError:
            raise ValueError(f'{path}:{line}: the {what} must be an integer class index, got '
                             f'{text!r}') from None
        if label < 0 or (self.num_classes is not None and label >= self.num_classes):
            bound = '' if self.num_classes is None else f', num_classes={self.num_classes}'
            raise ValueError(f'{path}:{line}: {what} {label} is outside the class list '
                             f'(class indices 0 .. num_classes - 1{bound}); the list belongs '
                             'to another dataset or the model has another label space.')
        return label

    def _clip(self, fields: List[str], path: str, line: int, prefix: str,
              tmpl: str) -> Dict:
        if len(fields) != 3:
            raise ValueError(f'{path}:{line}: expected "<clip> <num_frames> <label>", got '
                             f'{" ".join(fields)!r}')
        name, count, label = fields
        try:
            total = int(count)
        except ValueError:
            total = -1
        if total < 1:
            raise ValueError(f'{path}:{line}: the frame count must be an integer >= 1, got '
                             f'{count!r}')
        frame_dir = osp.join(prefix, name)
        if not osp.isdir(frame_dir) and osp.isdir(osp.join(prefix, osp.basename(name))):
            # the Kinetics-400 generator lists '<class>/<clip>' and writes '<clip>'
            frame_dir = osp.join(prefix, osp.basename(name))
        if not osp.isdir(frame_dir):
            raise FileNotFoundError(
                f'{path}:{line}: clip folder {frame_dir} does not exist; check data_prefix '
                f'({prefix}) -- the folder holding the released clip folders -- or remove '
                'the line.')
        if self.check_frames:
            for number in (self.start_index, self.start_index + total - 1):
                frame = osp.join(frame_dir, tmpl.format(number))
                if not osp.isfile(frame):
                    raise FileNotFoundError(
                        f'{path}:{line}: clip folder {frame_dir} has no frame {frame} (the '
                        f'list gives {total} frames); check filename_tmpl={tmpl!r} and '
                        f'start_index={self.start_index} (StillMix: frame{{:06d}}.jpg from '
                        '1; Kinetics-400: {:06d}.jpg) or the copy of the release.')
        return dict(frame_dir=frame_dir, total_frames=total, filename_tmpl=tmpl,
                    label=self._label(label, path, line), video_id=name,
                    ann_file=path, line=line)

    def load_data_list(self) -> List[Dict]:
        """Read and check the lists (see the class docstring)."""
        scuba, seen = [], {}
        for source in self.scuba:
            path, background = source['ann_file'], str(source['background'])
            tmpl = source.get('filename_tmpl', self.filename_tmpl)
            for line, fields in self._parse(path):
                info = self._clip(fields, path, line, source['data_prefix'], tmpl)
                info.update(background=background, pair_id=f'{background}/{fields[0]}')
                if info['pair_id'] in seen:
                    raise ValueError(f'{path}:{line}: clip {fields[0]!r} is listed twice '
                                     f'(also line {seen[info["pair_id"]]})')
                seen[info['pair_id']] = line
                scuba.append(info)
        data_list = []
        for protocol in self.protocols:
            data_list += [dict(info, protocol=protocol) for info in scuba]
        for source in self.conflfg:
            data_list += self._load_conflfg(source)
        return data_list

    def _load_conflfg(self, source: dict) -> List[Dict]:
        dynamic, static = source['dynamic_list'], source['static_list']
        background = str(source['background'])
        tmpl = source.get('filename_tmpl', self.filename_tmpl)
        rows, static_rows = self._parse(dynamic), self._parse(static)
        if len(rows) != len(static_rows):
            raise ValueError(f'Confl-FG lists of different lengths: {dynamic} has '
                             f'{len(rows)} clips, {static} {len(static_rows)}; row i of both '
                             'must be clip i.')
        same = [len(s) >= 2 and s[0] == d[0] for (_, d), (_, s) in zip(rows, static_rows)]
        if any(same) and not all(same):
            (line, fields), (static_line, static_fields) = next(
                (r, s) for r, s, ok in zip(rows, static_rows, same) if not ok)
            raise ValueError(f'{static}:{static_line}: names clip {static_fields[0]!r} where '
                             f'{dynamic}:{line} names {fields[0]!r}; the two Confl-FG lists '
                             'are row-aligned (row i of both is clip i) -- use the released '
                             'pair of lists.')
        data_list, seen = [], {}
        for (line, fields), (static_line, static_fields) in zip(rows, static_rows):
            info = self._clip(fields, dynamic, line, source['data_prefix'], tmpl)
            info.update(protocol='conflfg', background=background,
                        pair_id=f'{background}/{fields[0]}',
                        static_label=self._label(static_fields[-1], static, static_line,
                                                 'static label'))
            if info['pair_id'] in seen:
                raise ValueError(f'{dynamic}:{line}: clip {fields[0]!r} is listed twice (also '
                                 f'line {seen[info["pair_id"]]})')
            seen[info['pair_id']] = line
            data_list.append(info)
        return data_list

    def entry_location(self, index: int) -> str:
        """``'<list>:<line>'`` of clip ``index`` (for errors about it, e.g. of
        :class:`~mmdebias.engine.hooks.DatasetCheckHook`)."""
        info = self.get_data_info(index)
        return f'{info["ann_file"]}:{info["line"]}'

    # ---------------------------------------------------------------- loading a clip
    def prepare_data(self, idx: int):
        """Run the pipeline (SCUFO clips: with the frame repeat); errors name the clip and
        its list line."""
        info = self.get_data_info(idx)
        pipeline = self.scufo_pipeline if info['protocol'] == 'scufo' else self.pipeline
        try:
            return pipeline(info)
        except Exception as error:
            error.add_note(f'StillMixBiasDataset: while loading {info["protocol"]} clip '
                           f'{info["frame_dir"]} ({info["ann_file"]}:{info["line"]})')
            raise
