"""The SMAD configs: neck chain, aspect keys packed by the pipeline, SMAD + ALBAR trains."""
import glob
import os.path as osp

import numpy as np
import pytest
from mmengine.config import Config

from tests.conformance import train_test_step

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SMAD = sorted(glob.glob(osp.join(ROOT, 'configs', 'smad', '*.py')))


@pytest.mark.parametrize('path', SMAD, ids=osp.basename)
def test_neck_chain_matches_head_and_pipeline(path):
    cfg = Config.fromfile(path)
    saar, maat = cfg.model.neck.necks
    assert (saar.type, maat.type, maat.preset) == ('SAARNeck', 'AdversarialAspectNeck', 'smad')
    head = cfg.model.cls_head.get('head', cfg.model.cls_head)
    assert saar.in_channels == maat.in_channels == head.in_channels
    assert head.num_classes == 200
    if cfg.model.type == 'Recognizer2D':
        assert len(cfg.model.backbone.out_indices) >= 2
    else:
        assert cfg.model.backbone.depth == 18
    packed = cfg.train_pipeline[-1]['algorithm_keys']
    loaded = [t['key'] for t in cfg.train_pipeline if t['type'] == 'LoadAspectLabels']
    wanted = [a.get('label_key', f"{a['name']}_label") for a in maat.aspects]
    assert sorted(wanted) == sorted(loaded) == sorted(packed)
    assert cfg.train_dataloader.dataset.pipeline == cfg.train_pipeline
    assert cfg.train_dataloader.dataset.ann_file == 'data/k200db/k200db_train.txt'


def test_smad_plus_albar_config_trains_one_step():
    cfg = Config.fromfile(osp.join(ROOT, 'configs/smad/smad-albar_slowonly-r18_8x8x1_k200db.py'))
    assert [h['type'] for h in cfg.custom_hooks] == ['GradientPenaltyHook']
    probs = np.full(365, 1 / 365)
    model, log_vars, _ = train_test_step(
        cfg.model.to_dict(), num_classes=200, sample_shape=(1, 3, 8, 32, 32),
        expected_losses=('loss_cls', 'loss_scene', 'loss_static_ce', 'loss_static_entropy'),
        extra_fields=dict(scene_label=[probs, 7]))
    assert type(model).__name__ == 'Recognizer3D'
