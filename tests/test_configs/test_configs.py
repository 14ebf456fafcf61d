"""Every shipped config loads, and its model builds as a stock recognizer (random init)."""
import glob
import os.path as osp

import pytest
from mmaction.registry import MODELS
from mmengine.config import Config
from mmengine.hub import get_config

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


def _without_scope(node):
    """``node`` without the ``_scope_`` keys mmengine adds to what a config inherits from a
    package (``mmaction::...``)."""
    if isinstance(node, dict):
        return {k: _without_scope(v) for k, v in node.items() if k != '_scope_'}
    if isinstance(node, (list, tuple)):
        return type(node)(_without_scope(v) for v in node)
    return node


def test_albar_slowonly_k400_is_the_stock_config_plus_albar():
    """The documented entry point, at its documented path, is MMAction2's stock config with
    ALBAR's parts added and nothing else changed."""
    cfg = _without_scope(Config.fromfile(osp.join(ROOT, 'configs/albar_slowonly_k400.py'))
                         .to_dict())
    stock = _without_scope(get_config(
        'mmaction::recognition/slowonly/slowonly_r50_8xb16-8x8x1-256e_kinetics400-rgb.py')
                           .to_dict())
    assert cfg['model'].pop('cls_head')['head'] == stock['model'].pop('cls_head')  # wrapped
    preprocessor = cfg['model'].pop('data_preprocessor')
    stock_preprocessor = stock['model'].pop('data_preprocessor')
    for key in ('mean', 'std', 'format_shape'):
        assert preprocessor[key] == stock_preprocessor[key], key
    for key in ('custom_imports', 'custom_hooks'):
        cfg.pop(key)
    cfg['default_hooks'].pop('random_state')
    assert cfg == stock
