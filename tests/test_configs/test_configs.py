"""Every shipped config (``configs/`` and the demo's ``demo/demo_configs/``) loads, and its model
builds as a stock recognizer or, where ALBAR's static pass needs it, its DebiasRecognizer
subclass (random init)."""
import glob
import os.path as osp

import pytest
from mmaction.registry import MODELS
from mmengine.config import Config
from mmengine.hub import get_config

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(
    osp.relpath(p, ROOT) for folder in ('configs', 'demo/demo_configs')
    for p in glob.glob(osp.join(ROOT, folder, '**', '*.py'), recursive=True)
    if '_base_' not in p)


@pytest.mark.parametrize('path', CONFIGS)
def test_config_builds(path):
    cfg = Config.fromfile(osp.join(ROOT, path))
    if 'model' not in cfg:
        # data-only configs (the demo's linear-probe targets): dataloaders only
        assert 'train_dataloader' in cfg and 'test_dataloader' in cfg, path
        return
    imports = cfg.get('custom_imports', {}).get('imports', [])
    if path.startswith(osp.join('configs', 'transfer')) and 'tiny' not in path:
        # stock by design: a stock MMAction2 fine-tunes an exported backbone without mmdebias
        # (the tiny-videos smoke config inherits the project's tiny base, which imports it)
        assert 'mmdebias' not in imports, path
    else:
        assert 'mmdebias' in imports, path
    model = MODELS.build(cfg.model)
    assert type(model).__name__ in ('Recognizer2D', 'Recognizer3D', 'DebiasRecognizer2D',
                                    'DebiasRecognizer3D')
    objectives = [type(o).__name__ for o in getattr(model.cls_head, 'objectives', [])]
    if 'ALBARObjective' in objectives:
        assert type(model).__name__.startswith('Debias')
        assert cfg.model.data_preprocessor.type == 'StaticClipSampler'
        # the penalty is in the model (the paper's 10, or switched off on purpose)
        albar = model.cls_head.objectives[objectives.index('ALBARObjective')]
        assert albar.loss_gp_weight == 10.0 or 'loss_gp_weight=0.0' in open(
            osp.join(ROOT, path)).read()
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
    assert (cfg['model'].pop('type'), stock['model'].pop('type')) == ('DebiasRecognizer3D',
                                                                       'Recognizer3D')
    preprocessor = cfg['model'].pop('data_preprocessor')
    stock_preprocessor = stock['model'].pop('data_preprocessor')
    for key in ('mean', 'std', 'format_shape'):
        assert preprocessor[key] == stock_preprocessor[key], key
    cfg.pop('custom_imports')
    cfg['default_hooks'].pop('random_state')
    assert cfg == stock
