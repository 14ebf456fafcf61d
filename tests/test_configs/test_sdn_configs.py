"""The SDN configs: their training pipelines build and pack what the neck and the head
consume (scene labels; the masked view, made before any spatial augmentation)."""
import glob
import os.path as osp

import pytest
import torch.nn as nn
from mmaction.registry import MODELS, TRANSFORMS
from mmengine.config import Config

import mmdebias  # noqa: F401

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SDN = sorted(glob.glob(osp.join(ROOT, 'configs', 'sdn', '*.py')))


@pytest.mark.parametrize('path', SDN, ids=[osp.basename(p) for p in SDN])
def test_sdn_config_pipeline_and_components(path):
    cfg = Config.fromfile(path)
    pipeline = cfg.train_dataloader.dataset.pipeline
    for step in pipeline:
        TRANSFORMS.build(dict(step))  # label file / cache are only read at the first sample
    types = [step['type'] for step in pipeline]
    keys = set(pipeline[-1].get('algorithm_keys', ()))
    assert 'LoadAspectLabels' in types and 'scene_label' in keys
    assert cfg.model.neck.type == 'AdversarialAspectNeck'
    scene, = cfg.model.neck.adversaries
    # SDN's soft scene labels: probability vectors, (soft) cross entropy on them
    assert scene.name == 'scene' and not scene.get('hard_labels', False)
    assert scene.loss == dict(type='CrossEntropyLoss')
    scene_loader = next(t for t in pipeline if t['type'] == 'LoadAspectLabels')
    assert scene_loader.get('label_format', 'probs') == 'probs'
    if 'HumanMask' in types:
        # masking right after decoding, before any spatial augmentation
        assert types[types.index('HumanMask') - 1] == 'DecordDecode'
        mask = pipeline[types.index('HumanMask')]
        assert mask.mode == 'pair' and mask.mask_ratio == 1.0
        assert {'human_masked', 'human_mask_paired'} <= keys
        assert cfg.model.cls_head.type == 'HumanMaskConfusionHead'
    if cfg.model.type == 'Recognizer2D':
        assert len(cfg.model.backbone.out_indices) >= 2
    if 'tiny' not in osp.basename(path):
        # the scene MLP's hidden layers are as wide as the features, as SDN's released code
        # (512 * block.expansion): 2048 on the R50 configs, 512 (the paper's number) on R3D-18
        neck = MODELS.build(cfg.model.neck)
        linears = [m for m in neck.adversaries['scene'].classifier if isinstance(m, nn.Linear)]
        width = cfg.model.neck.in_channels
        assert [m.out_features for m in linears] == [width] * 3 + [365]
        assert width == (2048 if 'r50' in osp.basename(path) else 512)

