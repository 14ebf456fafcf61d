"""DebiasHead: a stock head plus composable objectives, in DebiasRecognizer2D / 3D (stock
recognizers where no objective needs the static pass)."""
import copy

import pytest
import torch
import torch.nn.functional as F
from mmaction.registry import MODELS

from tests.conformance import (SAMPLE_SHAPES, SLOWONLY_R18, TSN_R18, debias_type, make_batch,
                               recognizer_cfg, train_test_step)

STATIC = dict(type='StaticClipSampler', mean=[123.675, 116.28, 103.53],
              std=[58.395, 57.12, 57.375])


def _cfg(base, objectives, static=True, debias=None):
    pre = dict(STATIC, format_shape=base['data_preprocessor']['format_shape']) if static \
        else base['data_preprocessor']
    debias = static if debias is None else debias
    return recognizer_cfg(base, type=debias_type(base) if debias else base['type'],
                          data_preprocessor=pre, cls_head=dict(
        type='DebiasHead', head=base['cls_head'], objectives=objectives))


ALL = [dict(type='ALBARObjective', loss_gp_weight=0.0),  # (penalty: test_albar_head.py)
       dict(type='ProductOfExpertsObjective', expert=dict(type='FrameExpert', channels=(8, ))),
       dict(type='BiasReweightObjective', expert=dict(type='FrameExpert', channels=(8, )),
            ema=None),
       dict(type='SampleWeightObjective')]


@pytest.mark.parametrize('base', [TSN_R18, SLOWONLY_R18])
def test_all_objectives_compose_in_debias_recognizers(base):
    weights = dict(sample_weight=[1.0, 3.0])
    model, log_vars, _ = train_test_step(
        _cfg(base, ALL), extra_fields=weights,
        expected_losses=('loss_cls', 'loss_static_ce', 'loss_static_entropy',
                         'loss_poe_expert', 'loss_lff_bias'))
    assert type(model).__name__ == 'Debias' + base['type']


def test_objectives_with_the_same_loss_name_are_rejected():
    cfg = _cfg(SLOWONLY_R18, [ALL[1], ALL[1]])
    model = MODELS.build(cfg)
    batch = model.data_preprocessor(make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4), True)
    with pytest.raises(KeyError, match='distinct loss names'):
        model(**batch, mode='loss')


def test_no_objective_is_the_stock_head_loss():
    torch.manual_seed(0)
    plain = MODELS.build(copy.deepcopy(SLOWONLY_R18))
    wrapped = MODELS.build(_cfg(SLOWONLY_R18, [], static=False))
    wrapped.load_state_dict(plain.state_dict())
    batch = make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4)
    plain.train(), wrapped.train()
    a = plain(**plain.data_preprocessor(copy.deepcopy(batch), True), mode='loss')
    b = wrapped(**wrapped.data_preprocessor(copy.deepcopy(batch), True), mode='loss')
    assert torch.equal(a['loss_cls'], b['loss_cls'])


def test_stock_checkpoint_keys_both_ways():
    plain = MODELS.build(copy.deepcopy(SLOWONLY_R18))
    model = MODELS.build(_cfg(SLOWONLY_R18, ALL[1:2]))
    keys = set(model.state_dict())
    assert 'cls_head.fc_cls.weight' in keys and 'cls_head.head.fc_cls.weight' not in keys
    assert any(k.startswith('cls_head.objectives.0.expert.') for k in keys)
    # plain -> debias: only the objective's own parameters are missing
    result = model.load_state_dict(plain.state_dict(), strict=False)
    assert result.unexpected_keys == []
    assert result.missing_keys and all('objectives.0' in k for k in result.missing_keys)
    assert torch.equal(model.cls_head.head.fc_cls.weight, plain.cls_head.fc_cls.weight)
    # debias -> plain: only the objective's parameters are unexpected
    result = plain.load_state_dict(model.state_dict(), strict=False)
    assert result.missing_keys == []
    assert all('objectives.0' in k for k in result.unexpected_keys)


def test_static_pass_runs_once_and_without_data_samples():
    model = MODELS.build(_cfg(SLOWONLY_R18, [dict(type='ALBARObjective'),
                                               dict(type='ALBARObjective')]))
    calls = []
    original = model.extract_feat

    def spy(inputs, **kwargs):
        calls.append(kwargs)
        return original(inputs, **kwargs)

    model.extract_feat = spy
    batch = model.data_preprocessor(make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4), True)
    with pytest.raises(KeyError, match='distinct loss names'):
        model(**batch, mode='loss')
    assert len(calls) == 2  # motion pass + one shared static pass
    assert 'data_samples' not in calls[1] or calls[1]['data_samples'] is None


def test_albar_objective_equals_albar_head_terms():
    torch.manual_seed(0)
    head_cfg = recognizer_cfg(SLOWONLY_R18, type='DebiasRecognizer3D',
                              data_preprocessor=dict(STATIC, format_shape='NCTHW'),
                              cls_head=dict(type='ALBARHead', head=SLOWONLY_R18['cls_head']))
    old = MODELS.build(head_cfg)
    new = MODELS.build(_cfg(SLOWONLY_R18, [dict(type='ALBARObjective')]))
    new.load_state_dict(old.state_dict())
    batch = make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4)
    a = old(**old.data_preprocessor(copy.deepcopy(batch), True), mode='loss')
    b = new(**new.data_preprocessor(copy.deepcopy(batch), True), mode='loss')
    for key in ('loss_cls', 'loss_static_ce', 'loss_static_entropy', 'loss_static_gp'):
        assert torch.allclose(a[key], b[key], rtol=1e-6, atol=1e-7), key


def test_missing_static_clip_sampler_is_an_error_naming_the_fix():
    with pytest.raises(RuntimeError, match="StaticClipSampler"):
        MODELS.build(_cfg(SLOWONLY_R18, ALL[:1], static=False, debias=True))


@pytest.mark.parametrize('bad', ['ALBARHead', 'DebiasHead'])
def test_nesting_wrappers_is_an_error_naming_the_fix(bad):
    cfg = _cfg(SLOWONLY_R18, [])
    cfg['cls_head']['head'] = dict(type=bad, head=SLOWONLY_R18['cls_head'])
    with pytest.raises(TypeError, match='objectives'):
        MODELS.build(cfg)


def test_gradient_penalty_hook_needs_an_albar_objective():
    model = MODELS.build(_cfg(SLOWONLY_R18, ALL[1:2]))
    with pytest.raises(RuntimeError, match='ALBARObjective'):
        model.cls_head.set_gradient_penalty_scale(1.0)


def test_weighted_main_loss_is_normalised_by_the_weights():
    torch.manual_seed(0)
    model = MODELS.build(_cfg(SLOWONLY_R18, [dict(type='SampleWeightObjective')],
                              static=False))
    batch = make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4,
                       extra_fields=dict(sample_weight=[1.0, 3.0]))
    data = model.data_preprocessor(batch, True)
    feats, _ = model.extract_feat(data['inputs'])
    scores = model.cls_head.head(feats).float()
    ce = F.cross_entropy(scores, torch.tensor([0, 1]), reduction='none')
    losses = model.cls_head.loss(feats, data['data_samples'])
    assert torch.allclose(losses['loss_cls'], (ce[0] + 3 * ce[1]) / 4, atol=1e-6)


def test_weight_norm_mean_divides_by_the_batch_size():
    torch.manual_seed(0)
    cfg = _cfg(SLOWONLY_R18, [dict(type='SampleWeightObjective')], static=False)
    cfg['cls_head']['weight_norm'] = 'mean'
    model = MODELS.build(cfg)
    batch = make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4,
                       extra_fields=dict(sample_weight=[1.0, 3.0]))
    data = model.data_preprocessor(batch, True)
    feats, _ = model.extract_feat(data['inputs'])
    ce = F.cross_entropy(model.cls_head.head(feats).float(), torch.tensor([0, 1]),
                         reduction='none')
    losses = model.cls_head.loss(feats, data['data_samples'])
    assert torch.allclose(losses['loss_cls'], (ce[0] + 3 * ce[1]) / 2, atol=1e-6)
    with pytest.raises(ValueError, match='weight_norm'):
        MODELS.build(dict(cfg, cls_head=dict(cfg['cls_head'], weight_norm='max')))


@pytest.mark.parametrize('head', ['DebiasHead', 'ALBARHead'])
def test_nan_pixel_in_a_motion_frame_is_an_error_before_any_update(head):
    if head == 'DebiasHead':
        cfg = _cfg(SLOWONLY_R18, [dict(type='ALBARObjective')])
    else:
        cfg = recognizer_cfg(SLOWONLY_R18, type='DebiasRecognizer3D',
                             data_preprocessor=dict(STATIC, format_shape='NCTHW'),
                             cls_head=dict(type='ALBARHead', head=SLOWONLY_R18['cls_head']))
    model = MODELS.build(cfg)
    batch = model.data_preprocessor(make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4), True)
    batch['inputs'][0, 0, 0, 0, 0, 0] = float('nan')  # frame 0, not the static (middle) one
    with pytest.raises(ValueError, match='non-finite'):
        model(**batch, mode='loss')


@pytest.mark.parametrize('weight', [float('nan'), -1.0, float('inf'), True])
def test_gradient_penalty_weight_and_scale_are_checked(weight):
    model = MODELS.build(_cfg(SLOWONLY_R18, [dict(type='ALBARObjective')]))
    with pytest.raises(ValueError, match='finite number >= 0'):
        model.cls_head.set_gradient_penalty_scale(weight)
    for head in (dict(type='ALBARHead', head=SLOWONLY_R18['cls_head'], loss_gp_weight=weight),
                 dict(type='DebiasHead', head=SLOWONLY_R18['cls_head'], objectives=[
                     dict(type='ALBARObjective', loss_gp_weight=weight)])):
        with pytest.raises(ValueError, match='loss_gp_weight must be a finite number >= 0'):
            MODELS.build(head)
