"""HumanMaskConfusionHead: the DebiasHead preset with one MaskConfusionObjective (the loss
itself is tested in tests/test_models/test_objectives/test_mask_confusion_objective.py)."""
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from tests.conformance import (SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg,
                               train_test_step)

I3D = dict(type='I3DHead', num_classes=4, in_channels=8, spatial_type='avg', dropout_ratio=0.0)


def _head(**kwargs):
    return MODELS.build(dict(type='HumanMaskConfusionHead', head=I3D, **kwargs))


def _samples(masked):
    samples = [ActionDataSample().set_gt_label(i) for i in range(len(masked))]
    for sample, flag in zip(samples, masked):
        sample.set_field(flag, 'human_masked')
    return samples


@pytest.mark.parametrize('mode', ['paper', 'released'])
def test_preset_is_the_debias_head_with_one_mask_confusion_objective(mode):
    kwargs = dict(loss_weight=0.7, mode=mode, hidden_channels=6, num_hidden_layers=2,
                  grl_lambda=0.5)
    torch.manual_seed(0)
    preset = _head(**kwargs)
    torch.manual_seed(0)
    explicit = MODELS.build(dict(type='DebiasHead', head=I3D, objectives=[
        dict(type='MaskConfusionObjective', **kwargs)]))
    assert preset.state_dict().keys() == explicit.state_dict().keys()
    feats = torch.randn(3, 8, 1, 2, 2, generator=torch.Generator().manual_seed(1))
    a = preset.loss(feats, _samples([True, False, True]))
    b = explicit.loss(feats, _samples([True, False, True]))
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_stock_checkpoints_and_former_confusion_keys_load():
    head = _head(mode='released', hidden_channels=6)
    keys = set(head.state_dict())
    assert {'fc_cls.weight', 'fc_cls.bias'} <= keys
    own = {k for k in keys if k.startswith('objectives.0.confusion.')}
    assert own and keys == own | {'fc_cls.weight', 'fc_cls.bias'}
    # a stock head's checkpoint: only the confusion classifier is missing
    stock = MODELS.build(I3D)
    missing, unexpected = head.load_state_dict(stock.state_dict(), strict=False)
    assert not unexpected and set(missing) == {k for k in own if 'num_batches' not in k}
    torch.testing.assert_close(head.head.fc_cls.weight, stock.fc_cls.weight)
    # a checkpoint of the former stand-alone head (classifier under 'confusion.') loads
    # strictly, into the same parameters
    former = {k.replace('objectives.0.confusion.', 'confusion.'): torch.randn_like(v)
              if v.is_floating_point() else v for k, v in head.state_dict().items()}
    head.load_state_dict(former)
    torch.testing.assert_close(head.objectives[0].confusion[1].weight,
                               former['confusion.1.weight'])
    head.load_state_dict(head.state_dict())  # round trip, strict


def test_bad_arguments_name_the_fix():
    with pytest.raises(ValueError, match='mode'):
        _head(mode='alternate')
    with pytest.raises(TypeError, match='config dict'):
        MODELS.build(dict(type='HumanMaskConfusionHead', head='I3DHead'))
    with pytest.raises(TypeError, match='do not nest.*objectives'):
        MODELS.build(dict(type='HumanMaskConfusionHead', head=dict(type='ALBARHead', head=I3D)))


@pytest.mark.parametrize('base,shape,mode', [(TSN_R18, (3, 3, 16, 16), 'released'),
                                             (SLOWONLY_R18, (1, 3, 4, 16, 16), 'paper')],
                         ids=['tsn-released', 'slowonly-paper'])
def test_conformance_and_predictions_unchanged(base, shape, mode):
    cfg = recognizer_cfg(base, cls_head=dict(type='HumanMaskConfusionHead',
                                             head=base['cls_head'], mode=mode,
                                             hidden_channels=8))
    model, log_vars, preds = train_test_step(
        cfg, expected_losses=('loss_cls', 'loss_mask_entropy'), sample_shape=shape,
        extra_fields={'human_masked': [True, False]})
    plain = MODELS.build(recognizer_cfg(base))
    plain.load_state_dict({k: v for k, v in model.state_dict().items()
                           if 'confusion' not in k})
    plain.eval()
    with torch.no_grad():
        ref = plain.test_step(make_batch(2, shape, 4, seed=1))
    for a, b in zip(preds, ref):
        torch.testing.assert_close(a.pred_score, b.pred_score)


PAIRED = {'human_mask_paired': [True, True], 'human_masked': [True, False]}


@pytest.mark.parametrize('base,shape', [(TSN_R18, (6, 3, 16, 16)),
                                        (SLOWONLY_R18, (2, 3, 4, 16, 16))],
                         ids=['tsn', 'slowonly'])
def test_conformance_paired_views(base, shape):
    cfg = recognizer_cfg(base, cls_head=dict(type='HumanMaskConfusionHead',
                                             head=base['cls_head'], mode='released',
                                             hidden_channels=8))
    train_test_step(cfg, expected_losses=('loss_cls', 'loss_mask_entropy'),
                    sample_shape=shape, extra_fields=PAIRED)
