"""configs/transfer: stock MMAction2 configs that fine-tune a debiased backbone (SDN's
protocol: UCF101 / HMDB51 splits 1-3, Diving48), loading a --drop-head stock export."""
import glob
import os.path as osp
import re

import pytest
from mmaction.registry import MODELS
from mmengine.config import Config

from mmdebias.apis import check_stock_load, export_stock_checkpoint, is_mmdebias_type

CLASSES = dict(ucf101=101, hmdb51=51, diving48=48)
# transfer config prefix -> debiasing configs of the same backbone whose exports it loads
SOURCES = {
    'r3d-18_debiased-minikinetics200-pre_16x112':
    ['configs/sdn/sdn-full_r3d-18_1xb32-16x1x1-100e_minikinetics200-rgb.py'],
    'slowonly-r50_debiased-k400-pre_8x8x1':
    ['configs/albar/albar_slowonly-r50_8xb16-8x8x1-256e_kinetics400-rgb.py',
     'configs/sdn/sdn-full_slowonly-r50_8xb16-8x8x1-256e_minikinetics200-rgb.py'],
}


def transfer_configs(repo_root):
    return sorted(p for p in glob.glob(osp.join(repo_root, 'configs/transfer/*.py'))
                  if osp.basename(p).startswith(tuple(SOURCES)))


def types(cfg):
    if isinstance(cfg, dict):
        if 'type' in cfg:
            yield cfg['type']
        for value in cfg.values():
            yield from types(value)
    elif isinstance(cfg, (list, tuple)):
        for value in cfg:
            yield from types(value)


def test_every_dataset_and_split(repo_root):
    names = {osp.basename(p)[:-3] for p in transfer_configs(repo_root)}
    for prefix in SOURCES:
        want = {f'{prefix}_{d}-split{k}' for d in ('ucf101', 'hmdb51') for k in (1, 2, 3)}
        assert want | {f'{prefix}_diving48'} == {n for n in names if n.startswith(prefix)}


def test_stock_configs_with_the_split_lists(repo_root, monkeypatch):
    monkeypatch.setenv('MMDEBIAS_TRANSFER_CHECKPOINT', '/exports/backbone.pth')
    for path in transfer_configs(repo_root):
        cfg = Config.fromfile(path)
        name = osp.basename(path)
        # stock: no mmdebias import, no mmdebias component anywhere
        assert 'custom_imports' not in cfg, name
        parts = [cfg.model, cfg.train_dataloader, cfg.val_dataloader, cfg.test_dataloader,
                 cfg.default_hooks, cfg.get('custom_hooks', [])]
        assert not [t for t in types(parts) if is_mmdebias_type(t)], name
        assert cfg.load_from == '/exports/backbone.pth'
        dataset, split = re.search(r'_(ucf101|hmdb51|diving48)(?:-split(\d))?\.py$',
                                   name).groups()
        assert cfg.model.cls_head.num_classes == CLASSES[dataset], name
        lists = [cfg[f'{s}_dataloader'].dataset.ann_file for s in ('train', 'val', 'test')]
        assert all(f'data/{dataset}/' in a for a in lists), (name, lists)
        if split:  # train (minus the hold-out), hold-out, official test list of that split
            assert lists == [f'data/{dataset}/{dataset}_train_split_{split}_videos_trainsub.txt',
                             f'data/{dataset}/{dataset}_train_split_{split}_videos_holdout.txt',
                             f'data/{dataset}/{dataset}_val_split_{split}_videos.txt'], name
        for loader in ('train', 'val', 'test'):
            assert cfg[f'{loader}_dataloader'].dataset.type == 'VideoDataset'
            assert cfg[f'{loader}_dataloader'].dataset.data_prefix.video == \
                f'data/{dataset}/videos'


@pytest.mark.parametrize('prefix', sorted(SOURCES))
def test_exports_of_the_debiasing_configs_load(repo_root, prefix):
    """A --drop-head export of each debiasing config of this backbone fits the transfer
    model: every backbone key, nothing else (the head keeps its initialisation)."""
    target = Config.fromfile(osp.join(repo_root, f'configs/transfer/{prefix}_ucf101-split1.py'))
    for source in SOURCES[prefix]:
        cfg = Config.fromfile(osp.join(repo_root, source)).model.to_dict()
        model = MODELS.build(cfg)
        exported, _ = export_stock_checkpoint(dict(state_dict=model.state_dict()), cfg,
                                              drop_head=True)
        check_stock_load(exported['state_dict'], target.model.to_dict(), 'features')
        assert all(k.startswith('backbone.') for k in exported['state_dict'])
    # and a backbone of another depth does not
    other = target.model.to_dict()
    other['backbone']['depth'] = 34 if other['backbone']['depth'] != 34 else 18
    with pytest.raises(RuntimeError, match='do not fit the stock model'):
        check_stock_load(exported['state_dict'], other, 'features')


def test_probe_targets_and_tiny_transfer_config(repo_root, monkeypatch, tmp_path):
    monkeypatch.setenv('MMDEBIAS_MOTION_SHAPES_HARD', str(tmp_path))
    for target in ('scuba', 'conflbg'):
        cfg = Config.fromfile(osp.join(
            repo_root, f'demo/demo_configs/motion_shapes_hard/linear-probe_motion-shapes-hard_{target}.py'))
        assert cfg.train_dataloader.dataset.ann_file == f'{tmp_path}/control_train.txt'
        assert cfg.test_dataloader.dataset.ann_file == f'{tmp_path}/{target}.json'
        assert cfg.test_dataloader.dataset.protocol == target
    cfg = Config.fromfile(osp.join(repo_root, 'configs/transfer/tsn-r18_debiased-pre_tiny-videos.py'))
    assert cfg.model.cls_head.num_classes == 3 and cfg.train_cfg.max_epochs == 1
