"""The released-benchmark configs (configs/released_bias/) read fixtures written in the
released layouts at the paths the configs name, through config alone (environment
variables for the roots), with their own test pipelines."""
import os.path as osp

import pytest
from mmaction.registry import DATASETS
from mmengine.config import Config

from tests.test_datasets.released_layouts import (HMDB_VIDEOS, UCF_VIDEOS, write_albar,
                                                  write_class_ind, write_hmdb_list,
                                                  write_stillmix_sets)

CONFIGS = 'configs/released_bias'
STILLMIX = {  # leaf config -> (root variable, frame name template)
    'tsn-r50_stillmix-release_hmdb51.py': ('MMDEBIAS_STILLMIX_HMDB51', 'frame{:06d}.jpg'),
    'tsn-r50_stillmix-release_ucf101.py': ('MMDEBIAS_STILLMIX_UCF101', 'frame{:06d}.jpg'),
    'tsn-r50_stillmix-release_kinetics400.py': ('MMDEBIAS_STILLMIX_K400', '{:06d}.jpg'),
    'slowonly-r50_stillmix-release_kinetics400.py': ('MMDEBIAS_STILLMIX_K400', '{:06d}.jpg'),
}


def released_stillmix(config, variable, tmpl, root, monkeypatch):
    """Point ``variable`` at ``root``, read the config and write the release there."""
    monkeypatch.setenv(variable, root)
    cfg = Config.fromfile(config)
    dataset = cfg.test_dataloader.dataset
    write_stillmix_sets(dataset.scuba, dataset.conflfg, tmpl=tmpl)
    return cfg


@pytest.mark.parametrize('name', sorted(STILLMIX))
def test_stillmix_configs_read_the_release(name, repo_root, tmp_path, monkeypatch):
    variable, tmpl = STILLMIX[name]
    cfg = released_stillmix(osp.join(repo_root, CONFIGS, name), variable, tmpl,
                            str(tmp_path / 'release'), monkeypatch)
    for source in cfg.test_dataloader.dataset.scuba:
        assert source.ann_file.startswith(str(tmp_path / 'release'))
    dataset = DATASETS.build(cfg.test_dataloader.dataset)
    assert len(dataset) == 2 * 3 * 8 + len(HMDB_VIDEOS)
    assert dataset.num_classes == cfg.model.cls_head.num_classes
    sample = dataset[len(dataset) // 2]  # a SCUFO clip, through the config's own pipeline
    assert sample['data_samples'].metainfo['protocol'] == 'scufo'
    inputs = sample['inputs']
    if 'slowonly' in name:
        assert tuple(inputs.shape) == (30, 3, 8, 256, 256)  # 10 clips x 3 crops
        # SCUFO for 3D: every clip is one frame repeated (scope='clip')
        assert (inputs == inputs[:, :, :1]).all()
    else:
        assert tuple(inputs.shape) == (250, 3, 224, 224)  # 25 segments x 10 crops
        # SCUFO for 2D: one frame for all segments, so at most one view per crop
        assert len({view.numpy().tobytes() for view in inputs}) <= 10


@pytest.mark.parametrize('name, variables', [
    ('tsn-r50_albar-corrected_ucf101.py', ('MMDEBIAS_ALBAR_UCF101',
                                           'MMDEBIAS_UCF101_CLASS_LIST')),
    ('tsn-r50_albar-release_hmdb51.py', ('MMDEBIAS_ALBAR_HMDB51', 'MMDEBIAS_HMDB51_TEST_LIST')),
])
def test_albar_configs_read_the_release(name, variables, repo_root, tmp_path, monkeypatch):
    root = str(tmp_path / 'albar')
    if 'ucf101' in name:
        write_albar(root, 'UCF101', UCF_VIDEOS, backgrounds=('Places365', 'VQGAN', 'Stripe'))
        labels = write_class_ind(str(tmp_path / 'classInd.txt'))
    else:
        write_albar(root, 'HMDB51', list(HMDB_VIDEOS),
                    backgrounds=('Places365', 'VQGAN', 'Stripe'))
        labels = write_hmdb_list(str(tmp_path / 'hmdb51_val_split_1_videos.txt'))
    monkeypatch.setenv(variables[0], root)
    monkeypatch.setenv(variables[1], labels)
    cfg = Config.fromfile(osp.join(repo_root, CONFIGS, name))
    dataset = DATASETS.build(cfg.test_dataloader.dataset)
    clips = len(UCF_VIDEOS) if 'ucf101' in name else len(HMDB_VIDEOS)
    assert len(dataset) == 2 * 3 * clips
    assert {dataset.get_data_info(i)['background'] for i in range(len(dataset))} == {
        'places365', 'vqgan', 'stripes'}
    assert tuple(dataset[0]['inputs'].shape) == (250, 3, 224, 224)
