import json
import os.path as osp

import pytest
import torch
from mmaction.registry import DATASETS

META_KEYS = ('video_id', 'pair_id', 'protocol', 'background', 'static_label', 'scene_label')


def write(tmp_path, entries, name='ann.json'):
    path = tmp_path / name
    path.write_text(json.dumps(entries))
    return str(path)


def build(ann_file, pipeline=(), **kwargs):
    return DATASETS.build(dict(type='BiasVideoDataset', ann_file=ann_file,
                               pipeline=list(pipeline), **kwargs))


ENTRIES = [
    dict(filename='scuba/a.mp4', label=1, video_id='a', pair_id='a#stripes0',
         protocol='scuba', background='stripes', scene_label=7),
    dict(filename='scufo/a.mp4', label=1, video_id='a', pair_id='a#stripes0',
         protocol='scufo', background='stripes'),
    dict(filename='conflfg/b.mp4', label=0, video_id='b', protocol='conflfg',
         static_label=1),
]


def test_fields_reach_the_data_info(tmp_path):
    dataset = build(write(tmp_path, ENTRIES), data_prefix=dict(video='root'), test_mode=True)
    assert len(dataset) == 3
    info = dataset.get_data_info(0)
    assert info['filename'] == osp.join('root', 'scuba/a.mp4')
    assert (info['label'], info['protocol'], info['pair_id'], info['background'],
            info['scene_label']) == (1, 'scuba', 'a#stripes0', 'stripes', 7)
    conflfg = dataset.get_data_info(2)
    assert conflfg['static_label'] == 1 and conflfg['pair_id'] == 'b'  # defaults to video_id
    assert 'background' not in conflfg


def test_protocol_argument(tmp_path):
    entries = [dict(filename='x.mp4', label=0, video_id='x'),
               dict(filename='y.mp4', label=1, video_id='y', protocol='scufo')]
    dataset = build(write(tmp_path, entries), protocol='scufo')
    assert [dataset.get_data_info(i)['protocol'] for i in range(2)] == ['scufo', 'scufo']
    with pytest.raises(ValueError, match=r"entry 1, key 'protocol'.*contradicts"):
        build(write(tmp_path, entries), protocol='scuba')
    with pytest.raises(ValueError, match=r"entry 0, key 'protocol': missing"):
        build(write(tmp_path, entries))
    with pytest.raises(ValueError, match='protocol must be None or one of'):
        build(write(tmp_path, entries), protocol='stillmix')


@pytest.mark.parametrize('change, index, key, problem', [
    (dict(filename=None), 0, 'filename', 'expected str'),
    (dict(label='1'), 0, 'label', 'expected int'),
    (dict(label=True), 0, 'label', 'expected int'),
    (dict(static_label=1.0), 0, 'static_label', 'expected int'),
    (dict(background=3), 0, 'background', 'expected str'),
    (dict(pair_id=5), 0, 'pair_id', 'expected str'),
    (dict(protocol='scuba2'), 0, 'protocol', 'is not one of'),
])
def test_bad_values_name_file_entry_and_key(tmp_path, change, index, key, problem):
    entries = [dict(ENTRIES[0], **change)] + ENTRIES[1:]
    path = write(tmp_path, entries)
    with pytest.raises(ValueError, match=rf"ann.json: entry {index}, key '{key}': .*{problem}"):
        build(path)


@pytest.mark.parametrize('key', ['filename', 'label', 'video_id'])
def test_missing_required_key(tmp_path, key):
    entries = ENTRIES[:2] + [{k: v for k, v in ENTRIES[2].items() if k != key}]
    with pytest.raises(ValueError, match=rf"entry 2, key '{key}': missing"):
        build(write(tmp_path, entries))


def test_structure_errors(tmp_path):
    with pytest.raises(ValueError, match=r"entry 3, key 'pair_id'.*repeats entry 0"):
        build(write(tmp_path, ENTRIES + [dict(ENTRIES[0], filename='other.mp4')]))
    with pytest.raises(ValueError, match='expected a JSON list'):
        build(write(tmp_path, dict(data=ENTRIES)))
    with pytest.raises(ValueError, match='entry 1 is a list'):
        build(write(tmp_path, [ENTRIES[0], [1, 2]]))


def test_real_pipeline_puts_fields_in_metainfo(tmp_path, data_dir):
    entries = [dict(filename='part_0.mp4', label=1, video_id='part_0', protocol='scufo',
                    background='other', scene_label=3),
               dict(filename='test.avi', label=0, video_id='test_avi', protocol='scufo',
                    pair_id='p0', background='stripes')]

    def dataset(still):
        pipeline = [
            dict(type='DecordInit'),
            dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=3,
                 test_mode=True),
            dict(type='DecordDecode'),
            *([dict(type='StaticFrameRepeat', frame_index='random')] if still else []),
            dict(type='Resize', scale=(-1, 32)),
            dict(type='CenterCrop', crop_size=32),
            dict(type='FormatShape', input_format='NCHW'),
            dict(type='PackActionInputs', meta_keys=META_KEYS),
        ]
        return build(write(tmp_path, entries), pipeline,
                     data_prefix=dict(video=osp.join(data_dir, 'videos')), test_mode=True)

    moving, still = dataset(still=False)[0], dataset(still=True)[0]
    assert moving['inputs'].shape == still['inputs'].shape == (3, 3, 32, 32)
    sample = still['data_samples']
    assert (sample.protocol, sample.video_id, sample.pair_id, sample.background,
            sample.scene_label) == ('scufo', 'part_0', 'part_0', 'other', 3)
    assert int(sample.gt_label) == 1
    assert dataset(still=True)[1]['data_samples'].pair_id == 'p0'
    # StaticFrameRepeat made a still clip (StillMix's random-frame SCUFO) of the video
    frames = still['inputs']
    assert all(torch.equal(frames[0], frames[t]) for t in range(3))
    assert not all(torch.equal(moving['inputs'][0], moving['inputs'][t]) for t in range(3))
    assert any(torch.equal(frames[0], moving['inputs'][t]) for t in range(3))
