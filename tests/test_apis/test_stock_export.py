import os.path as osp

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config
from mmengine.runner import load_checkpoint

from mmdebias.apis import (export_stock_checkpoint, is_mmdebias_type, stock_model_config,
                           stock_state_dict)
from tests.conformance import SAMPLE_SHAPES, make_batch

# debiasing configs of the repository, one per kind of part the export drops
DEBIAS_CONFIGS = [
    'configs/albar/albar_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py',  # ALBARHead + StaticClipSampler
    'configs/sdn/sdn_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py',  # adversarial neck (2 stages) + confusion head
    'demo/demo_configs/composition/albar-maskconf-scene_r3d18_tiny_motion_shapes.py',  # all together
    'demo/demo_configs/motion_shapes_hard/poe_r3d18_tiny_motion_shapes-hard.py',  # static expert
    'demo/demo_configs/motion_shapes_hard/staticswap-recolour_r3d18_tiny_motion_shapes-hard.py',
]


def build(repo_root, config, seed=0):
    cfg = Config.fromfile(osp.join(repo_root, config)).model.to_dict()
    torch.manual_seed(seed)
    model = MODELS.build(cfg)
    model.init_weights()
    # make BatchNorm statistics non-trivial, so that a dropped buffer would show
    for name, buf in model.named_buffers():
        if name.endswith('running_mean'):
            buf.normal_()
    return cfg, model.eval()


def all_types(cfg):
    if isinstance(cfg, dict):
        if 'type' in cfg:
            yield cfg['type']
        for value in cfg.values():
            yield from all_types(value)
    elif isinstance(cfg, (list, tuple)):
        for value in cfg:
            yield from all_types(value)


@pytest.mark.parametrize('config', DEBIAS_CONFIGS)
def test_export_loads_strictly_and_predicts_the_same(repo_root, tmp_path, config):
    cfg, model = build(repo_root, config)
    exported, stock_cfg = export_stock_checkpoint(dict(state_dict=model.state_dict()), cfg,
                                                  source='x.pth')
    assert not [t for t in all_types(stock_cfg) if is_mmdebias_type(t)]
    # the state dict holds only keys of the stock model, every one of them
    stock = MODELS.build(stock_cfg).eval()
    assert set(exported['state_dict']) == set(stock.state_dict())
    path = str(tmp_path / 'stock.pth')
    torch.save(exported, path)
    # loads with torch's weights_only (no mmdebias object in it) and strictly with mmengine
    assert set(torch.load(path, weights_only=True)) == {'meta', 'state_dict'}
    load_checkpoint(stock, path, map_location='cpu', strict=True)
    # same test-time predictions as the debiasing model: nothing the head uses was dropped
    batch = make_batch(2, SAMPLE_SHAPES[cfg['type']], stock.cls_head.num_classes, seed=3)
    with torch.no_grad():
        want = [p.pred_score for p in model.test_step(batch)]
        got = [p.pred_score for p in stock.test_step(batch)]
    for a, b in zip(want, got):
        assert torch.allclose(a, b, atol=1e-6)


def test_dropped_keys_are_reported(repo_root):
    cfg, model = build(repo_root, 'demo/demo_configs/composition/albar-maskconf-scene_r3d18_tiny_motion_shapes.py')
    state = model.state_dict()
    exported, dropped = stock_state_dict(state, cfg)
    neck = [k for k in state if k.startswith('neck.')]
    assert neck and sorted(dropped['adversarial neck (scene / object / ... adversaries)']) == \
        sorted(neck)
    assert len(exported) + sum(len(v) for v in dropped.values()) == len(state)
    # objectives with parameters (poe's static expert) are dropped under their own heading
    cfg, model = build(repo_root, 'demo/demo_configs/motion_shapes_hard/poe_r3d18_tiny_motion_shapes-hard.py')
    _, dropped = stock_state_dict(model.state_dict(), cfg)
    objectives = [k for k in model.state_dict() if k.startswith('cls_head.objectives.')]
    assert objectives and sorted(next(v for k, v in dropped.items() if 'objectives' in k)) == \
        sorted(objectives)


def test_key_map_legacy_and_ddp_forms(repo_root):
    cfg, model = build(repo_root, 'configs/sdn/sdn_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py')
    state = {'module.' + k: v for k, v in model.state_dict().items()}
    w = torch.ones(2)
    state['module.cls_head.confusion.0.weight'] = w  # former stand-alone confusion head
    state['module.neck.classifiers.scene.0.weight'] = w  # compact-form adversary
    head = {k: v for k, v in state.items() if k.startswith('module.cls_head.fc_cls')}
    for key, value in head.items():  # the wrapped head under its unstripped name
        state[key.replace('cls_head.', 'cls_head.head.')] = state.pop(key)
    exported, dropped = stock_state_dict(state, cfg)
    assert set(exported) == set(MODELS.build(stock_model_config(cfg)).state_dict())
    assert 'cls_head.fc_cls.weight' in exported
    assert any('cls_head.confusion.0.weight' in v for v in dropped.values())
    # both forms of the head at once cannot be resolved
    state['module.cls_head.fc_cls.weight'] = exported['cls_head.fc_cls.weight']
    with pytest.raises(ValueError, match='both the wrapped and the stock form'):
        stock_state_dict(state, cfg)


def test_drop_head_and_backbone_only(repo_root, tmp_path):
    cfg, model = build(repo_root, 'configs/albar/albar_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py')
    source = dict(state_dict=model.state_dict())
    features, stock_cfg = export_stock_checkpoint(source, cfg, drop_head=True)
    assert features['state_dict'] and all(k.startswith('backbone.')
                                          for k in features['state_dict'])
    assert features['meta']['mmdebias_export']['layout'] == 'features'
    backbone, _ = export_stock_checkpoint(source, cfg, backbone_only=True)
    assert set(backbone['state_dict']) == {k[len('backbone.'):] for k in features['state_dict']}
    # the backbone-only file is what a stock backbone's `pretrained` / Pretrained init loads
    path = str(tmp_path / 'backbone.pth')
    torch.save(backbone, path)
    stock_cfg['backbone']['init_cfg'] = dict(type='Pretrained', checkpoint=path)
    stock = MODELS.build(stock_cfg)
    stock.init_weights()
    for key, value in model.backbone.state_dict().items():
        assert torch.equal(stock.backbone.state_dict()[key], value), key
    load_checkpoint(MODELS.build(stock_cfg).backbone, path, strict=True)
    # ... and `backbone.pretrained` (mmaction's 2D ResNet: with torchvision_pretrain=False,
    # else it reads the file as a torchvision checkpoint)
    del stock_cfg['backbone']['init_cfg']
    stock_cfg['backbone'].update(pretrained=path, torchvision_pretrain=False)
    stock = MODELS.build(stock_cfg)
    stock.init_weights()
    for key, value in model.backbone.state_dict().items():
        assert torch.equal(stock.backbone.state_dict()[key], value), key


def test_saar_has_no_stock_equivalent(repo_root):
    cfg, model = build(repo_root, 'demo/demo_configs/motion_shapes_hard/smad_r3d18_tiny_motion_shapes-hard.py')
    with pytest.raises(ValueError, match='SAARNeck re-weights'):
        export_stock_checkpoint(dict(state_dict=model.state_dict()), cfg)
    backbone, stock_cfg = export_stock_checkpoint(dict(state_dict=model.state_dict()), cfg,
                                                  backbone_only=True)
    assert stock_cfg is None and not any(k.startswith(('neck', 'cls_head'))
                                         for k in backbone['state_dict'])


def test_bad_inputs(repo_root):
    cfg, model = build(repo_root, 'configs/albar/albar_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py')
    with pytest.raises(ValueError, match='no state dict of tensors'):
        export_stock_checkpoint(dict(state_dict={'a': 'not a tensor'}), cfg, source='bad.pth')
    # a checkpoint of another architecture: the strict check names the keys
    other = Config.fromfile(osp.join(
        repo_root, 'demo/demo_configs/motion_shapes_hard/baseline_r3d18_tiny_motion_shapes-hard.py'))
    with pytest.raises(RuntimeError, match=r'do not fit the stock model(.|\n)*shape '
                       r'mismatches \(checkpoint vs model\): \[.backbone\.conv1'):
        export_stock_checkpoint(dict(state_dict=model.state_dict()), other.model.to_dict())
    with pytest.raises(TypeError, match='model config dict'):
        stock_model_config(None)
