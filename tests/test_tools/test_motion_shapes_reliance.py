import json
import os.path as osp
import subprocess
import sys

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

from mmdebias.preparation.synthetic import generate_motion_shapes
from tests.scripts import load_script

CONFIG = 'demo/demo_configs/motion_shapes/baseline-ft_r3d18_tiny_motion_shapes.py'


def load_tool(repo_root):
    return load_script('tools/analysis/motion_shapes_reliance.py')


def test_breakdown_by_alignment(repo_root):
    tool = load_tool(repo_root)
    rows = [dict(protocol='scuba', video_id='a', label=0, pred=0),
            dict(protocol='scuba', video_id='b', label=1, pred=1),
            dict(protocol='scuba', video_id='c', label=2, pred=0),
            dict(protocol='static-original', video_id='a', label=0, pred=3)]
    result = tool.breakdown(rows, dict(a=True, b=True, c=False))
    assert result['scuba']['all'] == pytest.approx((200 / 3, 3))
    assert result['scuba']['aligned'] == (100.0, 2)
    assert result['scuba']['conflicting'] == (0.0, 1)
    assert result['static-original'] == {'all': (0.0, 1), 'aligned': (0.0, 1)}
    table = tool.format_breakdown(result)
    assert '66.7 (n=3)' in table and 'static-original' in table and 'conflfg' not in table
    with pytest.raises(KeyError, match="'z'"):
        tool.breakdown([dict(protocol='scuba', video_id='z', label=0, pred=0)], {})


@pytest.mark.slow  # the tool in a subprocess
def test_runs_on_a_saved_checkpoint(repo_root, tmp_path):
    data = str(tmp_path / 'ms')
    generate_motion_shapes(data, seed=0, num_train_per_class=1, num_test_per_class=2)
    model = MODELS.build(Config.fromfile(osp.join(repo_root, CONFIG)).model)
    checkpoint = str(tmp_path / 'model.pth')
    torch.save(dict(state_dict=model.state_dict()), checkpoint)
    out = str(tmp_path / 'reliance.json')
    proc = subprocess.run(
        [sys.executable, 'tools/analysis/motion_shapes_reliance.py', CONFIG, checkpoint,
         '--data-root', data, '--out', out], cwd=repo_root, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.load(open(out))
    assert set(result) == {'original', 'scuba', 'scufo', 'conflfg', 'conflbg', 'static-original'}
    for protocol, groups in result.items():
        assert groups['all'][1] == 8  # 2 clips x 4 classes
        assert sum(groups[g][1] for g in ('aligned', 'conflicting') if g in groups) == 8
    assert 'static-original' in proc.stdout
