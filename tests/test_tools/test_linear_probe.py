import json
import os.path as osp

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

from tests.scripts import load_script

STOCK = 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'


@pytest.fixture
def setup(repo_root, tmp_path, data_dir):
    """A random-init TSN-R18 backbone (no head: the probe does not need one) and two data
    configs on the four test videos: the same labels, and the test labels swapped."""
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(osp.join(repo_root, STOCK)).model)
    ckpt = str(tmp_path / 'backbone.pth')
    torch.save(dict(state_dict={k: v for k, v in model.state_dict().items()
                                if k.startswith('backbone.')}), ckpt)
    root = osp.join(data_dir, 'videos')
    swapped = tmp_path / 'swapped.txt'
    swapped.write_text('test.mp4 1\ndemo.mp4 0\ntest.avi 1\npart_0.mp4 0\n')
    configs = []
    for name, test_list in (('same', osp.join(root, 'tiny_val_list.txt')),
                            ('swapped', str(swapped))):
        path = tmp_path / f'{name}.py'
        path.write_text(
            f"_base_ = [{osp.join(repo_root, STOCK)!r}]\n"
            f"train_dataloader = dict(dataset=dict(data_prefix=dict(video={root!r}), "
            f"ann_file={osp.join(root, 'tiny_train_list.txt')!r}))\n"
            f"test_dataloader = dict(dataset=dict(data_prefix=dict(video={root!r}), "
            f"ann_file={test_list!r}))\n")
        configs.append(str(path))
    return dict(ckpt=ckpt, configs=configs, tmp=tmp_path)


def test_linear_probe_tool(repo_root, setup, capsys):
    tool = load_script('tools/analysis/linear_probe.py')
    out, feats = setup['tmp'] / 'probe.json', setup['tmp'] / 'feats'
    result = tool.main([osp.join(repo_root, STOCK), setup['ckpt'], '--data', *setup['configs'],
                        '--batch-size', '3', '--out', str(out), '--features-out', str(feats)])
    # the probe trains on the four videos (4 distinct 512-d features) and tests on the same
    # videos: their own labels are all right, the swapped ones all wrong
    assert [s['top1'] for s in result['splits']] == [1.0, 0.0]
    assert (result['top1_mean'], result['top1_std'], result['feature_dim']) == (0.5, 0.5, 512)
    assert json.loads(out.read_text()) == result
    saved = np.load(feats / 'split1.npz')
    assert saved['train_features'].shape == (4, 512)
    assert saved['train_labels'].tolist() == [0, 1, 0, 1]
    # train and test videos went through the same (test) pipeline: same features
    assert np.allclose(saved['train_features'], saved['test_features'])
    printed = capsys.readouterr().out
    assert 'action head not loaded' in printed and 'top-1 over 2 split(s): 50.00 +- 50.00 %' \
        in printed


def test_linear_probe_tool_bad_inputs(repo_root, setup, tmp_path):
    tool = load_script('tools/analysis/linear_probe.py')
    with pytest.raises(SystemExit):
        tool.main([STOCK, setup['ckpt'], '--batch-size', '0'])
    with pytest.raises(FileNotFoundError, match='nope.pth does not exist'):
        tool.main([osp.join(repo_root, STOCK), str(tmp_path / 'nope.pth')])
    with pytest.raises(FileNotFoundError, match='nope.py does not exist'):
        tool.main([osp.join(repo_root, STOCK), setup['ckpt'], '--data', str(tmp_path / 'nope.py')])
    no_data = tmp_path / 'model_only.py'
    no_data.write_text(f"_base_ = [{osp.join(repo_root, 'configs/_base_/models/tsn_r18.py')!r}]\n")
    with pytest.raises(KeyError, match='has no test_dataloader with a dataset'):
        tool.main([str(no_data), setup['ckpt']])
    # a checkpoint of another backbone is named, not half-loaded
    other = str(tmp_path / 'other.pth')
    torch.save(dict(state_dict={'backbone.conv1.conv.weight': torch.zeros(1)}), other)
    with pytest.raises(RuntimeError, match='does not fit the model'):
        tool.main([osp.join(repo_root, STOCK), other])
