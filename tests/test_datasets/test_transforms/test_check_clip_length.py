"""CheckClipLength: videos shorter than one sampled clip, with every kind of dataset --
MMAction2's VideoDataset, StillMixBiasDataset, ALBARBiasDataset (BiasVideoDataset checks its
own clips: tests/test_reliability/test_bad_inputs_rest_of_21.py)."""
import pytest
from mmaction.registry import DATASETS, TRANSFORMS

from mmdebias.datasets import CheckClipLength
from mmdebias.engine.hooks.dataset_check_hook import add_clip_length_check
from tests.test_datasets.released_layouts import (HMDB_VIDEOS, write_albar, write_hmdb_list,
                                                  write_stillmix)
from tests.test_reliability import media
from tests.test_reliability.campaign import caught_warnings


def logged_warnings(run):
    """``(result, [short-clip warnings])`` of ``run()`` (not mmengine's FileClient notes)."""
    out, messages = caught_warnings(run)
    return out, [m for m in messages if 'CheckClipLength' in m]


def video_dataset(tmp_path, frames=4, clip_len=8, frame_interval=1, extra=()):
    media.write(tmp_path, 'clip.mp4', media.frames(frames))
    media.write(tmp_path, 'long.mp4', media.frames(20))
    ann = tmp_path / 'list.txt'
    ann.write_text('long.mp4 1\nclip.mp4 0\n')
    pipeline = [dict(type='DecordInit'),
                dict(type='SampleFrames', clip_len=clip_len, frame_interval=frame_interval,
                     num_clips=1, test_mode=True), *extra,
                dict(type='DecordDecode')]
    return DATASETS.build(dict(type='VideoDataset', ann_file=str(ann), pipeline=pipeline,
                               data_prefix=dict(video=str(tmp_path)), test_mode=True))


def test_video_dataset_short_clip_is_named_once_with_its_line(tmp_path):
    dataset = video_dataset(tmp_path)
    assert add_clip_length_check(dataset) == 1
    assert add_clip_length_check(dataset) == 0  # one check per pipeline
    names = [type(t).__name__ for t in dataset.pipeline.transforms]
    assert names == ['DecordInit', 'SampleFrames', 'CheckClipLength', 'DecordDecode']
    outs, messages = logged_warnings(lambda: [dataset[i] for i in (0, 1, 1)])
    assert len(outs[1]['imgs']) == 8  # still looped, as MMAction2 does
    assert len(messages) == 1, messages
    for fragment in ('clip.mp4', 'list.txt:2', 'has 4 frames', '8 frames', 'clip_len=8',
                     "default_hooks.dataset_check.short_clips='loop'"):
        assert fragment in messages[0], (fragment, messages[0])


def test_video_dataset_span_counts_the_frame_interval(tmp_path):
    dataset = video_dataset(tmp_path, frames=6, clip_len=4, frame_interval=2)  # span 7
    add_clip_length_check(dataset, 'error')
    dataset[0]
    with pytest.raises(ValueError, match=r'list\.txt:2.*has 6 frames.*7 frames '
                       r'\(clip_len=4, frame_interval=2\)'):
        dataset[1]


def test_video_dataset_loop_and_bad_switch(tmp_path):
    dataset = video_dataset(tmp_path)
    assert add_clip_length_check(dataset, 'loop') == 0
    _, messages = logged_warnings(lambda: dataset[1])
    assert messages == []
    with pytest.raises(ValueError, match=r"short_clips must be one of .*'warn'.*got 'raise'"):
        add_clip_length_check(dataset, 'raise')


def test_transform_in_a_config_pipeline(tmp_path):
    ann = str(tmp_path / 'list.txt')
    dataset = video_dataset(tmp_path, extra=[dict(type='CheckClipLength', short_clips='error',
                                                  ann_file=ann)])
    assert add_clip_length_check(dataset) == 0  # the config's own check stays
    with pytest.raises(ValueError, match=r"list\.txt:2.*CheckClipLength\.short_clips='error'"):
        dataset[1]
    assert 'CheckClipLength' in TRANSFORMS.module_dict
    assert repr(CheckClipLength()) == "CheckClipLength(short_clips='warn', ann_file=None)"


def test_stillmix_bias_dataset_both_pipelines(tmp_path):
    release = write_stillmix(str(tmp_path / 'stillmix'), backgrounds=('places365', ))
    pipeline = [dict(type='SampleFrames', clip_len=7, frame_interval=1, num_clips=1,
                     test_mode=True),
                dict(type='RawFrameDecode')]
    dataset = DATASETS.build(dict(type='StillMixBiasDataset', pipeline=pipeline,
                                  num_classes=3, scuba=release['scuba']))
    assert add_clip_length_check(dataset, 'error') == 2  # SCUBA and SCUFO pipelines
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    short = next(i for i, info in enumerate(infos)
                 if info['total_frames'] < 7 and info['protocol'] == 'scufo')
    info = infos[short]
    with pytest.raises(ValueError) as error:
        dataset[short]
    for fragment in (info['frame_dir'], f'{info["ann_file"]}:{info["line"]}', '6 frames',
                     'clip_len=7'):
        assert fragment in str(error.value), (fragment, str(error.value))
    long = next(i for i, info in enumerate(infos) if info['total_frames'] >= 7)
    assert len(dataset[long]['imgs']) == 7


def test_albar_bias_dataset_scuba_zip_named_scufo_frame_passes(tmp_path):
    root = str(tmp_path / 'albar')
    write_albar(root, 'HMDB51', list(HMDB_VIDEOS), backgrounds=('Places365', ))
    pipeline = [dict(type='ZipFrameInit'),
                dict(type='SampleFrames', clip_len=6, frame_interval=1, num_clips=1,
                     test_mode=True),
                dict(type='ZipFrameDecode')]
    dataset = DATASETS.build(dict(
        type='ALBARBiasDataset', data_root=root, dataset='HMDB51', backgrounds=['Places365'],
        label_file=write_hmdb_list(str(tmp_path / 'labels.txt')), num_classes=3,
        pipeline=pipeline))
    assert add_clip_length_check(dataset) == 1
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    outs, messages = logged_warnings(lambda: [dataset[i] for i in range(len(dataset))])
    scuba = [info['filename'] for info in infos if info['protocol'] == 'scuba']
    # the clips of the fixture have 5, 6, ... frames: only the 5-frame zip is short
    assert len(messages) == 1, messages
    assert scuba[0] in messages[0] and 'has 5 frames' in messages[0], messages[0]
    assert not any(info['filename'] in messages[0] for info in infos
                   if info['protocol'] == 'scufo')  # one still frame by design
    assert all(len(out['imgs']) == 6 for out in outs)
