r"""Videos shorter than one sampled clip: named in a warning, refused, or accepted.

MMAction2's ``SampleFrames`` samples ``clip_len`` frames ``frame_interval`` apart, so one
clip spans

.. math:: s = (\text{clip\_len} - 1) \cdot \text{frame\_interval} + 1

frames. A video with ``total_frames < s`` frames cannot hold one clip: ``SampleFrames``
(``out_of_bound_opt='loop'``) wraps its frame indices around, and the model sees the video's
frames repeated -- a different clip than the protocol (and the paper's numbers) assume,
without a word. :class:`ShortClipReport` is that check; :class:`BiasVideoDataset` runs it on
every sample (its ``short_clips`` argument), :class:`CheckClipLength` runs it in any
pipeline (MMAction2's ``VideoDataset`` / ``RawframeDataset``, :class:`StillMixBiasDataset`,
:class:`ALBARBiasDataset`), and :class:`~mmdebias.engine.DatasetCheckHook` puts a
:class:`CheckClipLength` after ``SampleFrames`` in the pipelines of the run's datasets that
have none.
"""
import logging
from typing import Optional

from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform
from mmengine.logging import print_log

from ...utils.checks import check_choice

SHORT_CLIPS = ('warn', 'error', 'loop')
SHORT_CLIPS_REPORTED = 10  # short videos named per dataset and process (then one summary line)


def list_entry_location(ann_file: str, index: int) -> str:
    """Where entry ``index`` of an annotation file is written: ``'<file>: entry <i>'`` for a
    JSON list, ``'<file>:<line>'`` for a text list (one entry per line)."""
    if str(ann_file).endswith('.json'):
        return f'{ann_file}: entry {index}'
    return f'{ann_file}:{index + 1}'


class ShortClipReport:
    """The short-clip check of one dataset (or pipeline), in one process.

    Args:
        mode (str): ``'warn'`` (name the first :data:`SHORT_CLIPS_REPORTED` short videos in a
            warning, once each), ``'error'`` (a ``ValueError``) or ``'loop'`` (accept them
            silently, as MMAction2 does).
        owner (str): The component named in the messages.
        switch (str): How the user sets ``'loop'`` / ``'error'``, quoted in the messages.
    """

    def __init__(self, mode: str, owner: str, switch: str = 'short_clips') -> None:
        self.mode = check_choice(mode, SHORT_CLIPS, f'{owner}: short_clips')
        self.owner = owner
        self.switch = switch
        self.reported = set()

    def __call__(self, results: dict, key, location: str, source: str) -> None:
        """Check the sampled clip of ``results`` (``total_frames``, ``clip_len``,
        ``frame_interval`` after ``SampleFrames``); ``key`` identifies the video (reported
        once), ``location`` names its entry, ``source`` the annotation file."""
        total, clip_len = results.get('total_frames'), results.get('clip_len')
        if self.mode == 'loop' or not isinstance(total, int) or \
                not isinstance(clip_len, int) or key in self.reported:
            return
        interval = results.get('frame_interval') or 1
        span = (clip_len - 1) * interval + 1
        if span <= total:
            return
        video = results.get('filename', results.get('frame_dir'))
        message = (f'{self.owner}: video {video} ({location}) has {total} frames, fewer than '
                   f'one sampled clip spans: {span} frames (clip_len={clip_len}, '
                   f"frame_interval={interval}); SampleFrames loops the video's frames to fill "
                   'the clip. Fix: a smaller clip_len / frame_interval, or replace the video '
                   f"with a longer one or remove its entry; {self.switch}='loop' accepts such "
                   'clips silently')
        if self.mode == 'error':
            raise ValueError(message + f", {self.switch}='error' refuses them.")
        self.reported.add(key)
        if len(self.reported) <= SHORT_CLIPS_REPORTED:
            more = (f' (further short videos of {source} are not named)'
                    if len(self.reported) == SHORT_CLIPS_REPORTED else '')
            print_log(message + f", {self.switch}='error' refuses them.{more}",
                      logger='current', level=logging.WARNING)


@TRANSFORMS.register_module()
class CheckClipLength(BaseTransform):
    """Warn about (or refuse) a video shorter than one sampled clip; put it right after
    ``SampleFrames``.

    The check of :class:`ShortClipReport` for any dataset: a video whose ``total_frames``
    (from ``DecordInit`` / ``ZipFrameInit``, or a rawframe list) is below the span of one
    sampled clip, ``(clip_len - 1) * frame_interval + 1``, is named in a warning with its
    entry (``ann_file:line``) and the fix, once per video and process (the first
    :data:`SHORT_CLIPS_REPORTED`); ``short_clips='error'`` makes it a ``ValueError``. A
    one-frame SCUFO clip (ALBAR's released ``.jpg``; ``protocol='scufo'``) is a still frame
    by design and passes. The results are returned unchanged.

    :class:`~mmdebias.engine.DatasetCheckHook` (added by the project's ``tools/train.py`` /
    ``tools/test.py``) inserts one into the pipelines of the run's datasets; with MMAction2's
    own tools, add it to the pipeline::

        dict(type='SampleFrames', clip_len=32, frame_interval=2, num_clips=1),
        dict(type='CheckClipLength', ann_file=ann_file_train),

    Args:
        short_clips (str): ``'warn'``, ``'error'`` or ``'loop'``. Defaults to ``'warn'``.
        ann_file (str, optional): The dataset's annotation file, to name the entry
            (``<file>:<line>``) by the sample's index; else the sample index alone.
        switch (str): How the user sets ``short_clips``, quoted in the messages.
    """

    def __init__(self, short_clips: str = 'warn', ann_file: Optional[str] = None,
                 switch: str = 'CheckClipLength.short_clips') -> None:
        self.report = ShortClipReport(short_clips, 'CheckClipLength', switch)
        self.ann_file = ann_file

    def location(self, results: dict) -> str:
        """The entry of the sample: its own ``ann_file:line`` (StillMixBiasDataset), the
        line / entry of ``ann_file`` by ``sample_idx``, or the sample index."""
        index = results.get('sample_idx')
        if results.get('ann_file') and results.get('line'):
            return f'{results["ann_file"]}:{results["line"]}'
        if self.ann_file and isinstance(index, int):
            return list_entry_location(self.ann_file, index)
        return f'sample {index}'

    def transform(self, results: dict) -> dict:
        if results.get('protocol') == 'scufo' and results.get('total_frames') == 1:
            return results
        video = results.get('filename', results.get('frame_dir'))
        self.report(results, key=video, location=self.location(results),
                    source=results.get('ann_file') or self.ann_file or 'the dataset')
        return results

    def __repr__(self) -> str:
        return (f'{type(self).__name__}(short_clips={self.report.mode!r}, '
                f'ann_file={self.ann_file!r})')
