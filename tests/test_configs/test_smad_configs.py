"""The SMAD configs: neck chain, aspect keys packed by the pipeline, SMAD + ALBAR trains."""
import glob
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config

from tests.conformance import train_test_step

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SMAD = sorted(glob.glob(osp.join(ROOT, 'configs', 'smad', '*.py')))


@pytest.mark.parametrize('path', SMAD, ids=osp.basename)
def test_neck_chain_matches_head_and_pipeline(path):
    cfg = Config.fromfile(path)
    saar, maat = cfg.model.neck.necks
    assert (saar.type, maat.type) == ('SAARNeck', 'AdversarialAspectNeck')
    assert maat.normalize_by_num_aspects  # MAAT: weights / number of aspects
    head = cfg.model.cls_head.get('head', cfg.model.cls_head)
    assert saar.in_channels == maat.in_channels == head.in_channels
    if cfg.model.type == 'Recognizer2D':
        assert len(cfg.model.backbone.out_indices) >= 2
    packed = cfg.train_pipeline[-1]['algorithm_keys']
    loaded = [t['key'] for t in cfg.train_pipeline if t['type'] == 'LoadAspectLabels']
    wanted = [a.get('label_key', f"{a['name']}_label") for a in maat.adversaries]
    assert sorted(wanted) == sorted(loaded) == sorted(packed)
    # multi-hot tags are loaded as they are, everything else as probabilities / one-hot
    formats = {t['key']: t.get('label_format', 'probs') for t in cfg.train_pipeline
               if t['type'] == 'LoadAspectLabels'}
    for adversary in maat.adversaries:
        multi = adversary.type == 'MultiLabelAspectAdversary'
        assert (formats[f"{adversary['name']}_label"] == 'multi_hot') == multi
    dataset = cfg.train_dataloader.dataset
    if dataset.type == 'ConcatDataset':  # OmniDebias: K200db-train + web `unbias` part
        dataset = dataset.datasets[0]
    assert dataset.pipeline == cfg.train_pipeline


def test_smad_plus_albar_config_trains_one_step():
    """SAAR + MAAT chained, with ALBAR's static pass running extract_feat (and the neck)."""
    cfg = Config.fromfile(osp.join(ROOT, 'configs/smad/smad-albar_slowonly-r18_8xb16-8x8x1-256e_k200db-rgb.py'))
    assert cfg.model.cls_head.loss_gp_weight == 10.0  # the penalty is in the model
    probs = np.full(365, 1 / 365)
    model, log_vars, _ = train_test_step(
        cfg.model.to_dict(), num_classes=200, sample_shape=(1, 3, 8, 32, 32),
        expected_losses=('loss_cls', 'loss_scene', 'loss_static_ce', 'loss_static_entropy',
                         'loss_static_gp'),
        extra_fields=dict(scene_label=[probs, np.eye(365)[7]]), lr=1e-6)  # (GP ~ 1e3 at init)
    assert type(model).__name__ == 'DebiasRecognizer3D'
    # maps of the last pass (test_step): [N, T, H, W] = 2 clips, 8 frames, 32 px / 32
    assert tuple(model.neck.necks[0].last_actionness.shape) == (2, 8, 1, 1)
    keys = set(model.state_dict())
    assert {'neck.necks.0.to_map.weight', 'cls_head.fc_cls.weight'} <= keys
    assert any(k.startswith('neck.necks.1.adversaries.scene.classifier.') for k in keys)


def test_omnidebias_web_items_load_as_static_clips_with_scene_labels(tmp_path):
    import cv2
    from mmaction.registry import DATASETS

    from mmdebias.datasets.pseudo_labels import save_pseudo_labels
    cfg = Config.fromfile(
        osp.join(ROOT, 'configs/smad/omnidebias_slowonly-r18_8xb16-8x8x1-256e_k200db-web-unbias-rgb.py'))
    concat = cfg.train_dataloader.dataset
    assert concat.type == 'ConcatDataset' and len(concat.datasets) == 2
    assert concat.datasets[0].ann_file == 'data/k200db/k200db_train.txt'
    web = concat.datasets[1].to_dict()
    root = tmp_path / 'frames'
    (root / 'w0').mkdir(parents=True)
    img = np.random.default_rng(0).integers(0, 255, (240, 320, 3), dtype=np.uint8)
    cv2.imwrite(str(root / 'w0' / 'img_00001.jpg'), img)
    (tmp_path / 'web.txt').write_text('w0 1 5\n')
    save_pseudo_labels(str(tmp_path / 'scene.npz'), ['w0'], np.array([[0.25, 0.75]]))
    web.update(ann_file=str(tmp_path / 'web.txt'), data_prefix=dict(img=str(root)))
    web['pipeline'][0].update(label_file=str(tmp_path / 'scene.npz'), data_root=str(root))
    item = DATASETS.build(web)[0]
    clip = item['inputs']  # [1, 3, 8, 224, 224]: one frame repeated
    assert tuple(clip.shape) == (1, 3, 8, 224, 224)
    assert all(torch.equal(clip[:, :, t], clip[:, :, 0]) for t in range(8))
    np.testing.assert_allclose(item['data_samples'].scene_label, [0.25, 0.75])
    assert int(item['data_samples'].gt_label) == 5
