"""The deprecated compact aspects=[...] form (preset='sdn' / 'smad') builds the same
adversaries as the configs of configs/_base_/models/adversaries/, warns with the explicit
form (which builds the same neck), and SMAD's MAAT losses hand-checked."""
import ast
import os.path as osp
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.config import Config

from mmdebias.models.necks.adversarial_aspect_neck import aspect_to_adversary

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__)))))
ASPECTS = [dict(name='scene', num_classes=4, label_type='soft', num_hidden_layers=0),
           dict(name='obj', num_classes=3, label_type='multi', num_hidden_layers=0),
           dict(name='event', num_classes=3, label_type='single', num_hidden_layers=0)]


def _compact(**kwargs):
    with pytest.warns(FutureWarning, match='compact aspects=.*removed after 2027-06-30'):
        return MODELS.build(dict(type='AdversarialAspectNeck', in_channels=6, **kwargs))


def _fragment(name):
    return Config.fromfile(osp.join(ROOT, 'configs/_base_/models/adversaries', name)).to_dict()


def _samples(fields):
    out = []
    for values in fields:
        s = ActionDataSample().set_gt_label(0)
        for key, v in values.items():
            s.set_field(v, key)
        out.append(s)
    return out


def _logits(neck, name, x):
    lin = neck.adversaries[name].classifier[1]
    return x.flatten(2).mean(2) @ lin.weight.T + lin.bias


@pytest.mark.parametrize('fragment,preset,label_type', [
    ('sdn_scene.py', 'sdn', 'soft'), ('smad_scene.py', 'smad', 'soft'),
    ('smad_object.py', 'smad', 'multi'), ('smad_event.py', 'smad', 'single')])
def test_compact_presets_are_the_adversary_configs(fragment, preset, label_type):
    adversary, = [v for k, v in _fragment(fragment).items()
                  if k.endswith('_adversary') and 'full' not in k]
    # SDN's scene MLP is sized by the feature width (hidden_channels=None, the released
    # code), SMAD's by 512
    hidden = None if fragment.startswith('sdn') else 512
    compact = aspect_to_adversary(dict(name=adversary['name'], label_type=label_type,
                                       num_classes=adversary['num_classes'],
                                       hidden_channels=hidden, num_hidden_layers=3, grl_lambda=1.0),
                                  preset)
    assert compact == adversary
    former = aspect_to_adversary(dict(name='scene', num_classes=3, alpha=0.5), preset)
    assert former['grl_lambda'] == 0.5 and 'alpha' not in former


def test_sdn_full_fragment_halves_the_grl():
    cfg = _fragment('sdn_scene.py')
    assert cfg['sdn_full_scene_adversary'] == dict(cfg['sdn_scene_adversary'], grl_lambda=0.5)


def test_smad_preset_hand_checked_losses_with_missing_labels():
    neck = _compact(aspects=ASPECTS, preset='smad')
    assert neck.normalize_by_num_aspects
    weights = {name: a.loss_weight for name, a in neck.adversaries.items()}
    assert weights == pytest.approx(dict(scene=1 / 3, obj=5 / 3, event=1 / 3))
    gen = torch.Generator().manual_seed(0)
    x = torch.randn(3, 6, 1, 2, 2, generator=gen)
    p = np.array([[0.1, 0.2, 0.3, 0.4], [0.7, 0.1, 0.1, 0.1]], np.float32)
    tags = np.array([[1, 0, 1.], [0, 1, 0.]], np.float32)
    event = np.eye(3, dtype=np.float32)
    samples = _samples([
        dict(scene_label=p[0], obj_label=tags[0], event_label=event[2]),
        dict(obj_label=tags[1], event_label=-1),             # scene missing, event unlabelled
        dict(scene_label=p[1], obj_label=-1, event_label=event[0])])  # obj unlabelled
    _, losses = neck(x, data_samples=samples)

    pt = torch.tensor(p)
    log_q = F.log_softmax(_logits(neck, 'scene', x)[[0, 2]], 1)
    ce = -(pt * log_q).sum(1).mean()
    kl = (pt * (pt.log() - log_q)).sum(1).mean()
    torch.testing.assert_close(losses['loss_scene'], (0.5 * ce + 0.5 * kl) / 3)
    bce = F.binary_cross_entropy_with_logits(_logits(neck, 'obj', x)[[0, 1]],
                                             torch.tensor(tags))
    torch.testing.assert_close(losses['loss_obj'], 5.0 * bce / 3)
    torch.testing.assert_close(losses['loss_event'], F.cross_entropy(
        _logits(neck, 'event', x)[[0, 2]], torch.tensor([2, 0])) / 3)
    assert {'obj_mAP', 'scene_acc', 'event_acc'} <= set(losses)


def test_compact_form_explicit_keys_win_and_bad_entries_name_the_fix():
    neck = _compact(preset='smad', normalize_by_num_aspects=False, aspects=[
        dict(ASPECTS[0], kl_weight=0.0), dict(ASPECTS[1], loss_weight=2.0)])
    scene_losses = neck.adversaries['scene'].losses
    assert [(type(m).__name__, m.loss_weight) for m in scene_losses] == [
        ('CrossEntropyLoss', 0.5)]
    assert neck.adversaries['obj'].loss_weight == 2.0
    with pytest.raises(ValueError, match=r"preset must be one of \['sdn', 'smad'\]"):
        MODELS.build(dict(type='AdversarialAspectNeck', in_channels=6, aspects=ASPECTS,
                          preset='maat'))
    for bad, match in [(dict(label_type='hard'), 'label_type'),
                       (dict(temperature=2.0), 'temperature=2.0'),
                       (dict(soft_ce_weight=0.0), 'no loss'),
                       (dict(kl_weight=float('nan')), 'KLDivergenceLoss.*finite')]:
        with pytest.raises(ValueError, match=match):
            aspect_to_adversary(dict(ASPECTS[0], **bad))
    with pytest.raises(TypeError, match='hiden_channels'):
        MODELS.build(dict(type='AdversarialAspectNeck', in_channels=6,
                          aspects=[dict(ASPECTS[0], hiden_channels=3)]))


@pytest.mark.parametrize('preset', ['sdn', 'smad'])
def test_compact_form_warns_with_the_explicit_form_that_builds_the_same_neck(preset):
    with pytest.warns(FutureWarning) as record:
        torch.manual_seed(3)
        compact = MODELS.build(dict(type='AdversarialAspectNeck', in_channels=6,
                                    aspects=ASPECTS, preset=preset))
    message = str(record[0].message)
    assert "AdversarialAspectNeck: the compact aspects=[...] / preset= form" in message
    assert ('normalize_by_num_aspects=True, ' in message) == (preset == 'smad')
    adversaries = ast.literal_eval(re.search(r'adversaries=(\[.*\])\)', message).group(1))
    torch.manual_seed(3)
    explicit = MODELS.build(dict(type='AdversarialAspectNeck', in_channels=6,
                                 normalize_by_num_aspects=preset == 'smad',
                                 adversaries=adversaries))
    assert str(explicit) == str(compact)
    state, ref = compact.state_dict(), explicit.state_dict()
    assert list(state) == list(ref) and all(torch.equal(state[k], ref[k]) for k in state)
    x = torch.randn(2, 6, 1, 2, 2, generator=torch.Generator().manual_seed(4))
    samples = _samples([dict(scene_label=np.full(4, 0.25, np.float32),
                             obj_label=np.array([1, 0, 1.], np.float32),
                             event_label=np.eye(3, dtype=np.float32)[i]) for i in (0, 2)])
    _, got = compact(x, data_samples=samples)
    _, want = explicit(x, data_samples=samples)
    assert list(got) == list(want) and all(torch.equal(got[k], want[k]) for k in got)
