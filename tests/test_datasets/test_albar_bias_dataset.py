"""ALBARBiasDataset on fixtures written in ALBAR's layout (<DS>_SCUBA_<bg>/<clip>.zip,
<DS>_SCUFO_<bg>/<clip>.jpg), through real MMAction2 transforms."""
import os
import os.path as osp
import zipfile

import numpy as np
import pytest
from mmaction.registry import DATASETS

from tests.test_datasets.released_layouts import (HMDB_VIDEOS, UCF_VIDEOS, decoded_colour,
                                                  frame_colour, write_albar, write_class_ind,
                                                  write_hmdb_list)

META_KEYS = ('video_id', 'pair_id', 'protocol', 'background')
PIPELINE = [
    dict(type='ZipFrameInit'),
    dict(type='SampleFrames', clip_len=4, frame_interval=1, num_clips=1, test_mode=True),
    dict(type='ZipFrameDecode'),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs', meta_keys=META_KEYS)]


@pytest.fixture
def hmdb(tmp_path):
    root = str(tmp_path / 'albar')
    written = write_albar(root, 'HMDB51', list(HMDB_VIDEOS))
    return dict(root=root, written=written,
                labels=write_hmdb_list(str(tmp_path / 'hmdb51_val_split_1_videos.txt')))


def build(hmdb, **kwargs):
    cfg = dict(type='ALBARBiasDataset', data_root=hmdb['root'], dataset='HMDB51',
               backgrounds=['Places365', 'Stripe'], label_file=hmdb['labels'],
               num_classes=3, pipeline=PIPELINE)
    cfg.update(kwargs)
    return DATASETS.build(cfg)


def colours(sample):
    return decoded_colour(sample['inputs'].numpy()[0].transpose(1, 2, 3, 0))


def expected(index, frames):
    return [decoded_colour([np.full((1, 1, 3), frame_colour(index, t))])[0] for t in frames]


def test_reads_zip_and_jpg_sets(hmdb):
    dataset = build(hmdb)
    assert len(dataset) == 2 * 2 * len(HMDB_VIDEOS)
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    assert {(i['protocol'], i['background']) for i in infos} == {
        (p, b) for p in ('scuba', 'scufo') for b in ('Places365', 'Stripe')}
    for info in infos:
        video = info['video_id'][:-len('__0')]
        assert info['label'] == HMDB_VIDEOS[video]
        assert info['pair_id'] == f'{info["background"]}/{info["video_id"]}'
        assert info['filename'].endswith('.zip' if info['protocol'] == 'scuba' else '.jpg')
    scuba_ids = {i['pair_id'] for i in infos if i['protocol'] == 'scuba'}
    assert scuba_ids == {i['pair_id'] for i in infos if i['protocol'] == 'scufo'}


def test_frames_in_sorted_order_and_static_frame(hmdb, tmp_path):
    dataset = build(hmdb)
    infos = [dataset.get_data_info(i) for i in range(len(dataset))]
    clip = 'chew_h_nm_np1_fr_goo_2__0'
    index, count = hmdb['written']['Stripe'][clip]
    before = sorted(os.listdir(tmp_path))
    scuba = dataset[next(i for i, info in enumerate(infos) if info['protocol'] == 'scuba'
                         and info['pair_id'] == f'Stripe/{clip}')]
    # 4 consecutive frames from the centre: SampleFrames' test offset of a 7-frame clip
    start = (count - 4) // 2
    assert colours(scuba) == expected(index, range(start, start + 4))
    scufo = dataset[next(i for i, info in enumerate(infos) if info['protocol'] == 'scufo'
                         and info['pair_id'] == f'Stripe/{clip}')]
    assert colours(scufo) == expected(index, [2] * 4)  # the jpg, repeated
    assert sorted(os.listdir(tmp_path)) == before  # nothing unpacked


def test_ucf101_labels_from_names(tmp_path):
    root = str(tmp_path / 'albar')
    write_albar(root, 'UCF101', UCF_VIDEOS, backgrounds=['Places365'], suffix='')
    dataset = DATASETS.build(dict(
        type='ALBARBiasDataset', data_root=root, dataset='UCF101',
        backgrounds={'places365': 'Places365'}, num_classes=3, pipeline=PIPELINE,
        class_list=write_class_ind(str(tmp_path / 'classInd.txt'))))
    labels = {dataset.get_data_info(i)['video_id']: dataset.get_data_info(i)['label']
              for i in range(len(dataset))}
    # HandStandPushups in the name, HandstandPushups in classInd.txt
    assert labels == dict(zip(UCF_VIDEOS, [0, 1, 2]))
    assert dataset.get_data_info(0)['background'] == 'places365'


def test_scuba_only(hmdb):
    for name in os.listdir(osp.join(hmdb['root'], 'HMDB51_SCUFO_Stripe')):
        os.remove(osp.join(hmdb['root'], 'HMDB51_SCUFO_Stripe', name))
    os.rmdir(osp.join(hmdb['root'], 'HMDB51_SCUFO_Stripe'))
    assert len(build(hmdb, protocols=('scuba', ))) == 8


def test_bad_sets_are_errors_naming_the_file(hmdb, tmp_path):
    stripe = osp.join(hmdb['root'], 'HMDB51_SCUBA_Stripe')
    empty = osp.join(stripe, 'clap_u_cm_np1_fr_med_0__0.zip')
    with zipfile.ZipFile(empty, 'w') as archive:
        archive.writestr('readme.txt', 'no frames')
    with pytest.raises(ValueError, match='clap_u_cm_np1_fr_med_0__0.zip: the zip holds no '
                       'frame images'):
        build(hmdb)
    with open(empty, 'wb') as f:
        f.write(b'truncated')
    with pytest.raises(ValueError, match='clap_u_cm_np1_fr_med_0__0.zip is not a readable '
                       'zip'):
        build(hmdb)
    os.remove(empty)
    with pytest.raises(ValueError, match=r'SCUFO frame .*HMDB51_SCUFO_Stripe/clap_u_cm_np1_fr'
                       r'_med_0__0.jpg has no SCUBA clip'):
        build(hmdb)
    os.remove(osp.join(hmdb['root'], 'HMDB51_SCUFO_Stripe', 'clap_u_cm_np1_fr_med_0__0.jpg'))
    os.remove(osp.join(hmdb['root'], 'HMDB51_SCUFO_Stripe', 'chew_h_nm_np1_fr_goo_2__0.jpg'))
    with pytest.raises(ValueError, match=r'SCUBA clip .*chew_h_nm_np1_fr_goo_2__0.zip has no '
                       'SCUFO frame'):
        build(hmdb)


def test_bad_labels_are_errors(hmdb, tmp_path):
    labels = tmp_path / 'labels.txt'
    labels.write_text('a/brush_hair_u_nm_np1_ba_goo_0.avi 0\n')
    with pytest.raises(ValueError, match=r'Places365/cartwheel_f_cm_np1_le_med_1__0.zip: no '
                       r'video .* in the label file'):
        build(hmdb, label_file=str(labels))
    with open(hmdb['labels'], 'a') as f:
        f.write('x/brush_hair_u_nm_np1_ba_goo_0.avi 1\n')
    with pytest.raises(ValueError, match=r'hmdb51_val_split_1_videos.txt:5: video '
                       r"'brush_hair_u_nm_np1_ba_goo_0' has label 1 here and 0 on line 1"):
        build(hmdb)
    with pytest.raises(ValueError, match=r'ok.txt:2: label 1 .*outside '
                       'num_classes=1'):
        build(hmdb, label_file=write_hmdb_list(str(tmp_path / 'ok.txt')), num_classes=1)
    with pytest.raises(ValueError, match='exactly one of label_file'):
        build(hmdb, class_list='classInd.txt')


def test_bad_layout_arguments(hmdb):
    with pytest.raises(FileNotFoundError, match=r'HMDB51_SCUBA_VQGAN does not exist .*folders '
                       r"there: \['HMDB51_SCUBA_Places365'"):
        build(hmdb, backgrounds=['VQGAN'])
    with open(osp.join(hmdb['root'], 'HMDB51_SCUBA_Places365', 'notes.txt'), 'w') as f:
        f.write('x')
    with pytest.raises(ValueError, match='notes.txt is not a .zip'):
        build(hmdb)
    with pytest.raises(ValueError, match='backgrounds'):
        build(hmdb, backgrounds='Places365')


def test_entry_location_names_the_clip(hmdb):
    from mmdebias.engine.hooks.dataset_check_hook import check_dataset
    dataset = build(hmdb, num_classes=None)
    assert dataset.entry_location(0).startswith(dataset.get_data_info(0)['filename'])
    with pytest.raises(ValueError, match=r'chew_h_nm_np1_fr_goo_2__0.zip \(label from .*'
                       r'hmdb51_val_split_1_videos.txt\)'):
        check_dataset(dataset, 2, 'test_dataloader')
