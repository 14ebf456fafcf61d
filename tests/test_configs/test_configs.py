"""Every shipped config loads, and its model builds as a stock recognizer (random init)."""
import glob
import os.path as osp

import pytest
from mmaction.registry import MODELS
from mmengine.config import Config

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(
    osp.relpath(p, ROOT) for p in glob.glob(osp.join(ROOT, 'configs', '**', '*.py'),
                                            recursive=True)
    if '_base_' not in p)


@pytest.mark.parametrize('path', CONFIGS)
def test_config_builds(path):
    cfg = Config.fromfile(osp.join(ROOT, path))
    assert 'mmdebias' in cfg.custom_imports['imports']
    model = MODELS.build(cfg.model)
    assert type(model).__name__ in ('Recognizer2D', 'Recognizer3D')
    if cfg.model.cls_head.type == 'ALBARHead':
        assert cfg.model.data_preprocessor.type == 'StaticClipSampler'
        hooks = [h['type'] for h in cfg.get('custom_hooks', [])]
        assert 'GradientPenaltyHook' in hooks
        # stock key names for the action head
        assert any(k.startswith('cls_head.fc_cls') for k in model.state_dict())


def test_albar_slowonly_k400_is_the_stock_config_plus_albar():
    cfg = Config.fromfile(osp.join(ROOT, 'configs/albar_slowonly_k400.py'))
    assert cfg.model.type == 'Recognizer3D'
    assert cfg.model.backbone.type == 'ResNet3dSlowOnly' and cfg.model.backbone.depth == 50
    assert cfg.model.cls_head.head.type == 'I3DHead'
    assert cfg.model.cls_head.head.num_classes == 400
    assert cfg.model.data_preprocessor.mean == [123.675, 116.28, 103.53]  # inherited
    assert cfg.train_dataloader.dataset.ann_file.endswith('kinetics400_train_list_videos.txt')
