import json
import os.path as osp
from typing import Callable, List, Optional, Union

from mmaction.datasets import VideoDataset
from mmaction.registry import DATASETS
from mmengine.fileio import get_text

from ..utils.checks import check_choice, check_keys
from .transforms.check_clip_length import ShortClipReport
from .video_errors import FIX, is_decode_error, video_error

PROTOCOLS = ('original', 'scuba', 'scufo', 'conflfg', 'conflbg')

# key -> (required, allowed types)
_FIELDS = {
    'filename': (True, (str, )),
    'label': (True, (int, )),
    'video_id': (True, (str, )),
    'pair_id': (False, (str, )),
    'protocol': (False, (str, )),
    'background': (False, (str, )),
    'static_label': (False, (int, )),
}
_DUPLICATES = '\0duplicated keys'  # set by the JSON reader on an object with repeated keys


def _object(pairs):
    """``object_pairs_hook`` of the annotation reader: a dict, recording repeated keys
    (``json`` silently keeps the last value)."""
    out = {}
    repeated = []
    for key, value in pairs:
        if key in out:
            repeated.append(key)
        out[key] = value
    if repeated:
        out[_DUPLICATES] = repeated
    return out


@DATASETS.register_module()
class BiasVideoDataset(VideoDataset):
    """Video dataset for the static-bias protocols: original, SCUBA, SCUFO and Confl-FG clips
    (StillMix, ICCV 2023; ALBAR, ICLR 2025), read by :class:`StaticBiasMetric`; and
    ``conflbg`` (Confl-BG, an mmdebias addition): a moving actor of one class on a background
    that training associates with another class (``static_label``).

    The annotation file is a JSON list with one dict per clip::

        [{"filename": "scuba/stripes/v_001_0.mp4",  # relative to data_prefix['video']
          "label": 3,                # int, the action label (Confl-FG: the moving actor's)
          "video_id": "v_001",       # str, the source video
          "pair_id": "v_001#stripes0",  # str, optional; a SCUBA clip and the SCUFO clip cut
                                     # from it share it; unique within a protocol;
                                     # defaults to video_id
          "protocol": "scuba",       # 'original' | 'scuba' | 'scufo' | 'conflfg' |
                                     # 'conflbg'; optional
                                     # when the dataset argument ``protocol`` is given
          "background": "stripes",   # str, optional: 'places', 'stripes', 'other', ...
          "static_label": 7},        # int, optional: Confl-FG / Confl-BG, class of the
                                     # static foreground / background
         ...]

    ``tools/data/build_bias_benchmark.py`` writes these files. Every key of an entry,
    including extra ones such as ``scene_label`` for :class:`NMIFairnessMetric`, is copied
    into the data info; keep the ones the metrics need in the data sample with::

        dict(type='PackActionInputs',
             meta_keys=('video_id', 'pair_id', 'protocol', 'background', 'static_label'))

    A missing required key, a misspelled key (``lable``, ``static_lable``, ``backgroud``: a
    key one or two edits from a known key the entry lacks, with a "did you mean"), a value of
    the wrong type, a key given twice in one entry, an empty ``filename``, a negative ``label`` / ``static_label`` (or one ``>= num_classes``
    when the dataset argument ``num_classes`` is given), an unknown protocol, a protocol that
    contradicts the ``protocol`` argument or a repeated ``pair_id`` within a protocol raises a
    ``ValueError`` naming the file, the entry index and the key; so does an empty, a
    zero-byte or an invalid JSON file. Without ``num_classes`` the upper bound of the labels
    is checked against the model's ``cls_head.num_classes`` before the run by
    :class:`~mmdebias.engine.DatasetCheckHook` (and per sample by :class:`StaticBiasMetric`
    / :class:`NMIFairnessMetric` against the number of class scores).

    Short clips: a video with fewer frames than one sampled clip spans (``(clip_len - 1) *
    frame_interval + 1`` of ``SampleFrames``) is looped by MMAction2's ``SampleFrames``
    (its ``out_of_bound_opt='loop'``) -- a different clip than the protocol assumes. With
    ``short_clips='warn'`` (default) the first such videos of the dataset are named in a
    warning (file, entry, frame counts, the fix) once each; ``'error'`` makes them a
    ``ValueError``, ``'loop'`` accepts them silently. A warning is the default because the
    standard test sets have a few clips shorter than a long sampling span (e.g. 64 frames
    for SlowOnly 8x8), which MMAction2 evaluates looped; a benchmark whose clips must all
    be long enough (written by ``tools/data/build_bias_benchmark.py``) can use ``'error'``.

    Loading a clip that cannot be decoded (missing, empty, truncated or corrupt video) raises
    ``FileNotFoundError`` / :class:`~mmdebias.datasets.video_errors.VideoReadError` (an
    ``OSError``) naming the video, the entry and the annotation file; any other error of the
    pipeline keeps its type and gets a note naming the entry and the video.

    Config recipe -- evaluate any MMAction2 recognizer on all protocols with one test
    dataloader. Write the model's own test pipeline out (mmengine cannot compute on a
    ``_base_`` variable) with the metainfo keys added to ``PackActionInputs``;
    ``StaticFrameRepeat`` after decoding turns the SCUBA videos into StillMix's random-frame
    SCUFO clips (``tests/test_tools/test_build_bias_benchmark.py`` runs this recipe through
    ``tools/test.py``)::

        _base_ = 'mmaction::recognition/tsn/<any TSN config>.py'
        custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
        bias_root = 'data/hmdb51_bias/'
        meta_keys = ('video_id', 'pair_id', 'protocol', 'background', 'static_label')
        test_pipeline = [
            dict(type='DecordInit'),
            dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=25,
                 test_mode=True),
            dict(type='DecordDecode'),
            dict(type='Resize', scale=(-1, 256)),
            dict(type='TenCrop', crop_size=224),
            dict(type='FormatShape', input_format='NCHW'),
            dict(type='PackActionInputs', meta_keys=meta_keys)]
        scufo_pipeline = [*test_pipeline[:3],  # after DecordInit, SampleFrames, DecordDecode
                          dict(type='StaticFrameRepeat', frame_index='random'),
                          *test_pipeline[3:]]

        def bias_set(name, pipeline=test_pipeline, prefix=bias_root):
            return dict(type='BiasVideoDataset', ann_file=bias_root + name + '.json',
                        data_prefix=dict(video=prefix), pipeline=pipeline, test_mode=True)

        test_dataloader = dict(
            batch_size=1, num_workers=2,
            sampler=dict(type='DefaultSampler', shuffle=False),
            dataset=dict(_delete_=True, type='ConcatDataset', datasets=[
                bias_set('original', prefix='data/hmdb51/videos/'),
                bias_set('scuba'),
                bias_set('scufo'),  # ALBAR: fixed pre-extracted frame
                # StillMix instead: bias_set('scufo_random_frame', scufo_pipeline),
                bias_set('conflfg'),
            ]))
        test_evaluator = [dict(type='AccMetric'), dict(type='StaticBiasMetric')]

    Args:
        ann_file (str): The JSON annotation file.
        pipeline (list): Data transforms.
        data_prefix (dict): ``dict(video=root)``, the folder the filenames are relative to.
        protocol (str, optional): Protocol of every entry; an entry may still state its own
            ``protocol`` if it is the same. Defaults to None (each entry must state it).
        short_clips (str): ``'warn'``, ``'error'`` or ``'loop'``: what a video shorter than
            a sampled clip does (see above). Defaults to ``'warn'``.
        **kwargs: Other arguments of :class:`VideoDataset` (e.g. ``num_classes``, which
            bounds the labels).
    """

    def __init__(self, ann_file: str, pipeline: List[Union[dict, Callable]],
                 data_prefix: dict = dict(video=''), protocol: Optional[str] = None,
                 short_clips: str = 'warn', **kwargs) -> None:
        check_choice(protocol, PROTOCOLS, 'BiasVideoDataset: protocol', none_ok=True)
        self._short_clips = ShortClipReport(short_clips, 'BiasVideoDataset')
        self.short_clips = short_clips
        if kwargs.get('multi_class'):
            raise ValueError('BiasVideoDataset: multi_class annotations are not supported')
        self.protocol = protocol
        super().__init__(ann_file, pipeline=pipeline, data_prefix=data_prefix, **kwargs)

    def _error(self, index: int, key: str, problem: str) -> ValueError:
        return ValueError(f'{self.ann_file}: entry {index}, key {key!r}: {problem}')

    def entry_location(self, index: int) -> str:
        """``'<ann_file>: entry <index>'`` (how :class:`DatasetCheckHook` names it)."""
        return f'{self.ann_file}: entry {index}'

    def _check_entry(self, index: int, entry) -> dict:
        if not isinstance(entry, dict):
            raise ValueError(f'{self.ann_file}: entry {index} is a {type(entry).__name__}, '
                             'expected a dict')
        if _DUPLICATES in entry:
            key = entry[_DUPLICATES][0]
            raise self._error(index, key, 'given more than once in this entry (JSON keeps only '
                              'the last value); remove the repeated key')
        check_keys(entry, _FIELDS, f'{self.ann_file}: entry {index}')
        for key, (required, types) in _FIELDS.items():
            if key not in entry:
                if required:
                    raise self._error(index, key, 'missing')
                continue
            value = entry[key]
            if isinstance(value, bool) or not isinstance(value, types):
                raise self._error(index, key, f'expected {types[0].__name__}, got '
                                  f'{type(value).__name__} {value!r}')
        if not entry['filename'].strip():
            raise self._error(index, 'filename', 'empty; give the video path relative to '
                              "data_prefix['video']")
        for key in ('label', 'static_label'):
            value = entry.get(key)
            if value is None:
                continue
            if value < 0:
                raise self._error(index, key, f'{value} is not a class index (labels are '
                                  'class indices 0 .. num_classes - 1)')
            if self.num_classes is not None and value >= self.num_classes:
                raise self._error(index, key, f'{value} is out of range for '
                                  f'num_classes={self.num_classes} (class indices 0 .. '
                                  f'{self.num_classes - 1})')
        info = dict(entry)
        protocol = info.get('protocol', self.protocol)
        if protocol is None:
            raise self._error(index, 'protocol', "missing (or pass protocol='...' to the "
                              'dataset)')
        if protocol not in PROTOCOLS:
            raise self._error(index, 'protocol', f'{protocol!r} is not one of {PROTOCOLS}')
        if self.protocol is not None and protocol != self.protocol:
            raise self._error(index, 'protocol', f'{protocol!r} contradicts the dataset '
                              f'argument protocol={self.protocol!r}')
        info['protocol'] = protocol
        info.setdefault('pair_id', info['video_id'])
        return info

    def load_data_list(self) -> List[dict]:
        """Read and check the JSON list; join the filenames with ``data_prefix['video']``."""
        text = get_text(self.ann_file)
        if not text.strip():
            raise ValueError(f'{self.ann_file}: the annotation file is empty; write it with '
                             'tools/data/build_bias_benchmark.py (a JSON list of clips).')
        try:
            entries = json.loads(text, object_pairs_hook=_object)
        except json.JSONDecodeError as error:
            raise ValueError(f'{self.ann_file}: not valid JSON: {error.msg} (line '
                             f'{error.lineno}, column {error.colno}); the file is truncated '
                             'or was not written by tools/data/build_bias_benchmark.py.'
                             ) from None
        if not isinstance(entries, list):
            raise ValueError(f'{self.ann_file}: expected a JSON list of clips, got '
                             f'{type(entries).__name__}')
        if not entries:
            raise ValueError(f'{self.ann_file}: no clips (the JSON list is empty).')
        data_list, seen = [], {}
        for index, entry in enumerate(entries):
            info = self._check_entry(index, entry)
            key = (info['protocol'], info['pair_id'])
            if key in seen:
                raise self._error(index, 'pair_id', f'{info["pair_id"]!r} repeats entry '
                                  f'{seen[key]} within protocol {info["protocol"]!r}')
            seen[key] = index
            if self.data_prefix.get('video'):
                info['filename'] = osp.join(self.data_prefix['video'], info['filename'])
            data_list.append(info)
        return data_list

    def prepare_data(self, idx: int):
        """Run the pipeline on clip ``idx``; errors name the video and the entry."""
        try:
            info = self.get_data_info(idx)
            out = self.pipeline(info)  # (the transforms fill in info: total_frames, ...)
        except Exception as error:
            filename = self.get_data_info(idx).get('filename')
            where = f'entry {idx} of {self.ann_file}'
            if isinstance(error, FileNotFoundError) and filename and not osp.exists(filename):
                raise FileNotFoundError(
                    f'BiasVideoDataset: video {filename} ({where}) does not exist; check '
                    f"data_prefix={self.data_prefix.get('video')!r} (filenames are relative "
                    'to it) or remove the entry.') from error
            if filename and is_decode_error(error):
                raise video_error(filename, error, fix=f'{FIX} ({where})') from error
            error.add_note(f'BiasVideoDataset: while loading video {filename} ({where})')
            raise
        self._check_clip_length(idx, info)
        return out

    def _check_clip_length(self, idx: int, info: dict) -> None:
        """Report a video shorter than one sampled clip (see ``short_clips``)."""
        self._short_clips(info, key=idx, location=f'entry {idx} of {self.ann_file}',
                          source=self.ann_file)
