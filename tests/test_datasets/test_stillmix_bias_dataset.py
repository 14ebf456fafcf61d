"""StillMixBiasDataset on a fixture written in the StillMix release layout (lists + frame
folders), through real MMAction2 transforms."""
import os
import os.path as osp
import shutil

import numpy as np
import pytest
from mmaction.registry import DATASETS

from tests.test_datasets.released_layouts import (HMDB_VIDEOS, decoded_colour, frame_colour,
                                                  stillmix_clips, write_stillmix)

META_KEYS = ('video_id', 'pair_id', 'protocol', 'background', 'static_label')
PIPELINE = [
    dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=4, test_mode=True),
    dict(type='RawFrameDecode'),
    dict(type='FormatShape', input_format='NCHW'),
    dict(type='PackActionInputs', meta_keys=META_KEYS)]


@pytest.fixture
def release(tmp_path):
    return write_stillmix(str(tmp_path / 'stillmix'))


def build(release, **kwargs):
    cfg = dict(type='StillMixBiasDataset', pipeline=PIPELINE, num_classes=3, **release)
    cfg.update(kwargs)
    return DATASETS.build(cfg)


def frames_of(sample):
    return decoded_colour(sample['inputs'].numpy().transpose(0, 2, 3, 1))


def test_reads_the_release_as_is(release):
    dataset = build(release)
    clips = stillmix_clips()
    assert len(dataset) == 2 * 3 * len(clips) + len(HMDB_VIDEOS)
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    by_protocol = {p: [i for i in infos if i['protocol'] == p]
                   for p in ('scuba', 'scufo', 'conflfg')}
    assert [len(v) for v in by_protocol.values()] == [3 * len(clips), 3 * len(clips), 4]
    # pair ids: background / clip name, the same for a SCUBA clip and its SCUFO clip
    scuba = {i['pair_id']: i for i in by_protocol['scuba']}
    assert set(scuba) == {i['pair_id'] for i in by_protocol['scufo']}
    assert set(scuba) == {f'{bg}/{name}' for bg in ('places365', 'vqgan', 'stripes')
                          for name, _, _ in clips}
    # labels and frame counts from the list lines
    labels = {name: (count, label) for name, count, label in clips}
    for info in by_protocol['scuba']:
        assert (info['total_frames'], info['label']) == labels[info['video_id']]
        assert info['frame_dir'].endswith(osp.join(info['background'], 'generated_videos',
                                                    info['video_id']))
        assert info['filename_tmpl'] == 'frame{:06d}.jpg' and info['start_index'] == 1
    conflfg = by_protocol['conflfg']
    assert [(i['label'], i['static_label']) for i in conflfg] == [
        (label, (label + 1) % 3) for label in HMDB_VIDEOS.values()]
    assert all(i['background'] == 'stripes' for i in conflfg)


def test_scuba_frames_and_seeded_scufo(release):
    dataset = build(release)
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    index = next(i for i, info in enumerate(infos) if info['protocol'] == 'scuba' and
                 info['pair_id'] == 'places365/chew_h_nm_np1_fr_goo_2__1')
    partner = next(i for i, info in enumerate(infos) if info['protocol'] == 'scufo' and
                   info['pair_id'] == infos[index]['pair_id'])
    clip_index = 5  # background 0, 6th clip of stillmix_clips()
    scuba = dataset[index]
    total = infos[index]['total_frames']
    expected = [int((i + 0.5) * total / 4) for i in range(4)]  # segment centres
    assert frames_of(scuba) == [decoded_colour([np.full((1, 1, 3), frame_colour(
        clip_index, t))])[0] for t in expected]
    assert scuba['data_samples'].metainfo['protocol'] == 'scuba'
    scufo = dataset[partner]
    colours = frames_of(scufo)
    assert len(set(colours)) == 1 and colours[0] in frames_of(scuba)  # one sampled frame
    # seeded: the same frame in another dataset instance, whatever the global state
    np.random.seed(123)
    assert frames_of(build(release)[partner]) == colours
    # StillMix's frames differ between clips: the seed draws per clip, not one index
    drawn = {tuple(frames_of(dataset[i])[0]) for i, info in enumerate(infos)
             if info['protocol'] == 'scufo'}
    assert len(drawn) > 3


def test_only_scuba_and_only_conflfg(release):
    assert {build(release, protocols=('scuba', )).get_data_info(i)['protocol']
            for i in range(28)} == {'scuba', 'conflfg'}
    dataset = build(release, scuba=None)
    assert len(dataset) == 4 and dataset.scufo_pipeline is None


def test_kinetics_names_and_templates(tmp_path):
    """K400: '{:06d}.jpg' frames; the generator lists '<class>/<clip>' but writes
    '<clip>'."""
    prefix = tmp_path / 'frames'
    os.makedirs(prefix / 'abseiling_x1__0')
    for t in range(1, 4):
        shutil.copy(osp.join(osp.dirname(__file__), '..', 'data', 'images', 'demo.jpg'),
                    prefix / 'abseiling_x1__0' / f'{t:06d}.jpg')
    ann = tmp_path / 'val.txt'
    ann.write_text('abseiling/abseiling_x1__0 3 0\n')
    dataset = DATASETS.build(dict(
        type='StillMixBiasDataset', pipeline=PIPELINE, filename_tmpl='{:06d}.jpg',
        scuba=dict(background='places365', ann_file=str(ann), data_prefix=str(prefix))))
    assert dataset.get_data_info(0)['frame_dir'] == str(prefix / 'abseiling_x1__0')
    assert dataset[0]['inputs'].shape[0] == 4


def _rewrite(path, old, new):
    with open(path) as f:
        text = f.read()
    assert old in text
    with open(path, 'w') as f:
        f.write(text.replace(old, new, 1))


@pytest.mark.parametrize('edit, error, pattern', [
    (lambda r: _rewrite(r['scuba'][0]['ann_file'], 'clap_u_cm_np1_fr_med_0__1 9 1',
                        'clap_u_cm_np1_fr_med_0__7 9 1'),
     FileNotFoundError, r'testlist01.txt:1: clip folder .*clap_u_cm_np1_fr_med_0__7 does not'),
    (lambda r: _rewrite(r['scuba'][1]['ann_file'], 'clap_u_cm_np1_fr_med_0__1 9 1',
                        'clap_u_cm_np1_fr_med_0__1 9 3'),
     ValueError, r'vqgan/testlist01.txt:1: label 3 is outside the class list'),
    (lambda r: _rewrite(r['scuba'][0]['ann_file'], 'clap_u_cm_np1_fr_med_0__1 9 1',
                        'clap_u_cm_np1_fr_med_0__1 9'),
     ValueError, r'testlist01.txt:1: expected "<clip> <num_frames> <label>"'),
    (lambda r: _rewrite(r['scuba'][0]['ann_file'], 'clap_u_cm_np1_fr_med_0__1 9 1',
                        'clap_u_cm_np1_fr_med_0__1 12 1'),
     FileNotFoundError, r'testlist01.txt:1: clip folder .* has no frame .*frame000012.jpg'),
    (lambda r: _rewrite(r['scuba'][0]['ann_file'], 'clap_u_cm_np1_fr_med_0__0 9 1',
                        'clap_u_cm_np1_fr_med_0__1 9 1'),
     ValueError, r'testlist01.txt:2: clip .*listed twice \(also line 1\)'),
    (lambda r: _rewrite(r['conflfg']['static_list'], 'clap_u_cm_np1_fr_med_0__0 5 2\n', ''),
     ValueError, 'Confl-FG lists of different lengths: .*dynamic_testlist01.txt has 4 clips'),
    (lambda r: _rewrite(r['conflfg']['static_list'], 'chew_h_nm_np1_fr_goo_2__0',
                        'clap_u_cm_np1_fr_med_0__3'),
     ValueError, r'static_testlist01.txt:3: names clip .* row-aligned'),
    (lambda r: _rewrite(r['conflfg']['static_list'], 'chew_h_nm_np1_fr_goo_2__0 5 0',
                        'chew_h_nm_np1_fr_goo_2__0 5 7'),
     ValueError, r'static_testlist01.txt:3: static label 7 is outside'),
])
def test_bad_release_files_name_file_and_line(release, edit, error, pattern):
    edit(release)
    with pytest.raises(error, match=pattern):
        build(release)


def test_bad_arguments(release):
    with pytest.raises(ValueError, match='name two SCUBA lists'):
        build(release, scuba=[release['scuba'][0], release['scuba'][0]])
    with pytest.raises(ValueError, match="lacks \\['data_prefix'\\]"):
        build(release, scuba=dict(background='x', ann_file=release['scuba'][0]['ann_file']))
    with pytest.raises(ValueError, match='protocols'):
        build(release, protocols=('conflfg', ))
    with pytest.raises(ValueError, match='no decoding transform'):
        build(release, pipeline=[dict(type='SampleFrames', clip_len=1, num_clips=1)])
    with pytest.raises(FileNotFoundError, match='list .*nope.txt does not exist'):
        build(release, scuba=dict(background='x', ann_file='nope.txt', data_prefix='.'))


def test_unreadable_frame_names_the_clip_and_line(release):
    dataset = build(release)
    info = dataset.get_data_info(0)
    with open(osp.join(info['frame_dir'], 'frame000002.jpg'), 'wb') as f:
        f.write(b'not a jpg')
    with pytest.raises(Exception) as raised:
        for index in range(len(dataset)):
            if dataset.get_data_info(index)['frame_dir'] == info['frame_dir']:
                dataset[index]
    assert any(f'{info["ann_file"]}:{info["line"]}' in note
               for note in getattr(raised.value, '__notes__', []))


def test_entry_location_names_list_and_line(release):
    from mmdebias.engine.hooks.dataset_check_hook import check_dataset
    dataset = build(release, num_classes=None)
    assert dataset.entry_location(0) == f'{release["scuba"][0]["ann_file"]}:1'
    # a model of 2 classes: the label-2 clips are named by list and line
    with pytest.raises(ValueError, match=r'places365/testlist01.txt:\d'):
        check_dataset(dataset, 2, 'test_dataloader')
