"""The SDN configs carry the recipe of Choi et al. (NeurIPS 2019), and their training
pipelines build."""
import glob
import os.path as osp

import pytest
from mmaction.registry import TRANSFORMS
from mmengine.config import Config

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
    scene, = cfg.model.neck.aspects
    assert scene.name == 'scene' and scene.get('label_type', 'soft') == 'soft'
    full = 'HumanMask' in types
    if 'tiny' not in path:
        assert (scene.num_classes, scene.num_hidden_layers, scene.hidden_channels) == (365, 3,
                                                                                    512)
        assert scene.alpha == (0.5 if full else 1.0)
    if full:
        # masking right after decoding, before any spatial augmentation
        assert types[types.index('HumanMask') - 1] == 'DecordDecode'
        mask = pipeline[types.index('HumanMask')]
        assert mask.mode == 'pair' and mask.mask_ratio == 1.0
        assert {'human_masked', 'human_mask_paired'} <= keys
        assert cfg.model.cls_head.type == 'HumanMaskConfusionHead'
        if 'tiny' not in path:
            assert mask.score_thr == 0.3 and mask.min_detection_ratio == 0.7
    if cfg.model.type == 'Recognizer2D':
        assert len(cfg.model.backbone.out_indices) >= 2


def test_faithful_setup():
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs/sdn/sdn-full_r3d-18_16x112_minikinetics200_faithful.py'))
    assert cfg.model.backbone.type == 'ResNet3d' and cfg.model.backbone.depth == 18
    sample = [s for s in cfg.train_dataloader.dataset.pipeline if s.type == 'SampleFrames'][0]
    assert sample.clip_len == 16
    assert cfg.train_dataloader.batch_size == 32
    opt = cfg.optim_wrapper.optimizer
    assert (opt.type, opt.lr, opt.momentum, opt.weight_decay) == ('SGD', 1e-4, 0.9, 1e-5)
    assert cfg.train_cfg.max_epochs == 100
    assert cfg.model.cls_head.head.num_classes == 200
