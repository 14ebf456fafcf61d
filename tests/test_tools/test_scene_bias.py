import importlib.util
import json
import math
import os.path as osp

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS

from tests.conformance import TSN_R18, recognizer_cfg
from tests.scripts import load_script


def load_tool(repo_root):
    return load_script('tools/analysis/scene_bias.py', 'scene_bias_tool')


@pytest.fixture
def setup(tmp_path, data_dir):
    """A TSN-R18 config (2 classes), two random-init checkpoints and a 4-video list."""
    model_cfg = recognizer_cfg(TSN_R18)
    model_cfg['cls_head']['num_classes'] = 2
    config = tmp_path / 'tsn.py'
    config.write_text(f'model = {model_cfg!r}\n')
    checkpoints = []
    for seed in (0, 1):
        torch.manual_seed(seed)
        model = MODELS.build(model_cfg)  # PyTorch's default random init
        checkpoints.append(str(tmp_path / f'seed{seed}.pth'))
        torch.save(dict(state_dict=model.state_dict()), checkpoints[-1])
    video_list = tmp_path / 'list.txt'
    video_list.write_text('test.mp4 0\ndemo.mp4 1\ntest.avi 0\npart_0.mp4 1\n')
    return dict(config=str(config), checkpoints=checkpoints, list=str(video_list),
                root=osp.join(data_dir, 'videos'), tmp=tmp_path)


def run(tool, setup, checkpoint, name, config=None):
    out, feats = setup['tmp'] / f'{name}.json', setup['tmp'] / f'{name}.npz'
    result = tool.main([config or setup['config'], checkpoint, setup['list'],
                        '--video-root', setup['root'], '--num-frames', '2',
                        '--input-size', '32', '--test-size', '0.5', '--out', str(out),
                        '--features-out', str(feats)])
    assert json.loads(out.read_text()) == result
    return result, np.load(feats)


def test_scene_bias_tool(repo_root, setup, capsys):
    tool = load_tool(repo_root)
    result, saved = run(tool, setup, setup['checkpoints'][0], 'a')
    assert saved['features'].shape == (4, 512) and saved['labels'].tolist() == [0, 1, 0, 1]
    assert (result['num_train'], result['num_test'], result['M_rand']) == (2, 2, 0.5)
    assert result['M'] in (0.0, 0.5, 1.0)
    expected_b = math.log(result['M'] / 0.5) if result['M'] else -math.inf
    assert result['B'] == expected_b
    assert f'B = ln(M / M_rand) = {expected_b:.4f}' in capsys.readouterr().out
    # the checkpoint is what gets used: other weights, other features
    _, other = run(tool, setup, setup['checkpoints'][1], 'other')
    assert not np.allclose(other['features'], saved['features'])
    # a bare backbone config loads the 'backbone.' keys of the same checkpoint: same features
    config = setup['tmp'] / 'backbone.py'
    config.write_text("model = dict(type='ResNet', depth=18, pretrained=None)\n")
    _, bare = run(tool, setup, setup['checkpoints'][0], 'bare', str(config))
    assert np.allclose(bare['features'], saved['features'], atol=1e-5)


@pytest.mark.skipif(importlib.util.find_spec('torchvision') is not None,
                    reason='torchvision is installed')
def test_torchvision_type_without_torchvision(repo_root, tmp_path):
    tool = load_tool(repo_root)
    config = tmp_path / 'tv.py'
    config.write_text("model = dict(type='torchvision.resnet50')\n")
    # raised before the checkpoint or the videos are touched
    with pytest.raises(ImportError, match="needs the 'torchvision' package"):
        tool.main([str(config), 'unused.pth', 'unused.txt'])
