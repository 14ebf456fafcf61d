import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config
from mmengine.runner import load_checkpoint

from tests.scripts import load_script

SDN = 'configs/sdn/sdn_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'
STOCK = 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'


@pytest.fixture
def source(repo_root, tmp_path):
    cfg = Config.fromfile(osp.join(repo_root, SDN))
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    path = str(tmp_path / 'sdn.pth')
    torch.save(dict(meta=dict(epoch=1), state_dict=model.state_dict()), path)
    return path, model


def test_export_tool(repo_root, tmp_path, source, capsys):
    tool = load_script('tools/model_converters/export_stock_checkpoint.py')
    path, model = source
    out, cfg_out = str(tmp_path / 'stock.pth'), str(tmp_path / 'stock_model.py')
    info = tool.main([osp.join(repo_root, SDN), path, out, '--stock-config', cfg_out])
    assert info['layout'] == 'recognizer' and info['dropped'] == {
        'adversarial neck (scene / object / ... adversaries)': 23}
    printed = capsys.readouterr().out
    assert 'dropped   23 keys: adversarial neck' in printed
    # the repository's stock config of the same network loads it strictly, and so does the
    # written stock model config
    for config in (osp.join(repo_root, STOCK), cfg_out):
        stock = MODELS.build(Config.fromfile(config).model)
        load_checkpoint(stock, out, map_location='cpu', strict=True)
        assert torch.equal(stock.backbone.conv1.conv.weight, model.backbone.conv1.conv.weight)
    assert Config.fromfile(cfg_out).model.backbone.out_indices == (3, )
    # --drop-head: backbone keys only
    tool.main([osp.join(repo_root, SDN), path, out, '--drop-head'])
    assert all(k.startswith('backbone.') for k in torch.load(out)['state_dict'])


def test_export_tool_bad_arguments(repo_root, tmp_path, source):
    tool = load_script('tools/model_converters/export_stock_checkpoint.py')
    path, _ = source
    config = osp.join(repo_root, SDN)
    with pytest.raises(SystemExit):
        tool.main([config, path, str(tmp_path / 'out.pt')])  # not .pth
    with pytest.raises(SystemExit):
        tool.main([config, path, path])  # would overwrite the source
    with pytest.raises(SystemExit):
        tool.main([config, path, str(tmp_path / 'o.pth'), '--drop-head', '--backbone-only'])
    with pytest.raises(FileNotFoundError, match='missing.pth does not exist'):
        tool.main([config, str(tmp_path / 'missing.pth'), str(tmp_path / 'o.pth')])
    # the wrong config: named keys, nothing written
    with pytest.raises(RuntimeError, match='do not fit the stock model'):
        tool.main([osp.join(repo_root, 'demo/demo_configs/motion_shapes_hard/'
                            'baseline_r3d18_tiny_motion_shapes-hard.py'), path,
                   str(tmp_path / 'o.pth')])
    assert not osp.exists(tmp_path / 'o.pth')
