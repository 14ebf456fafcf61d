"""DebiasRecognizer2D / 3D: MMAction2's recognizers plus ALBAR's static pass, nothing else."""
import copy

import pytest
import torch
from mmaction.registry import MODELS
from mmengine.optim import OptimWrapper

from tests.conformance import SAMPLE_SHAPES, SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg


@pytest.mark.parametrize('base', [TSN_R18, SLOWONLY_R18], ids=['tsn', 'slowonly'])
def test_with_a_stock_head_it_is_the_stock_recognizer_bit_for_bit(base):
    """Same keys, checkpoints both ways, identical losses, updates and predictions."""
    runs = []
    for kind in (base['type'], 'Debias' + base['type']):
        torch.manual_seed(0)
        model = MODELS.build(recognizer_cfg(base, type=kind))
        optim = OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01))
        shape = SAMPLE_SHAPES[base['type']]
        logs = [model.train_step(make_batch(2, shape, 4, seed=s), optim) for s in range(2)]
        model.eval()
        with torch.no_grad():
            preds = model.test_step(make_batch(2, shape, 4, seed=5))
        runs.append((model, logs, preds))
    (stock, logs_a, preds_a), (ours, logs_b, preds_b) = runs
    assert logs_a == logs_b
    state_a, state_b = stock.state_dict(), ours.state_dict()
    assert state_a.keys() == state_b.keys()
    assert all(torch.equal(state_a[k], state_b[k]) for k in state_a)
    for a, b in zip(preds_a, preds_b):
        assert torch.equal(a.pred_score, b.pred_score)
    stock.load_state_dict(state_b)  # strict, both ways
    ours.load_state_dict(state_a)


def test_albar_checkpoint_loads_into_the_stock_recognizer_and_back():
    albar = MODELS.build(recognizer_cfg(
        SLOWONLY_R18, type='DebiasRecognizer3D',
        data_preprocessor=dict(SLOWONLY_R18['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='ALBARHead', head=SLOWONLY_R18['cls_head'])))
    plain = MODELS.build(copy.deepcopy(SLOWONLY_R18))
    plain.load_state_dict(albar.state_dict())
    albar.load_state_dict(plain.state_dict())


def test_the_head_gets_the_view_pass_per_call_and_keeps_nothing():
    model = MODELS.build(recognizer_cfg(
        SLOWONLY_R18, type='DebiasRecognizer3D',
        data_preprocessor=dict(SLOWONLY_R18['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='ALBARHead', head=SLOWONLY_R18['cls_head'], loss_gp_weight=0.0)))
    seen = []
    loss = model.cls_head.loss

    def spy(feats, data_samples, **kwargs):
        seen.append(kwargs.get('view_pass'))
        return loss(feats, data_samples, **kwargs)

    model.cls_head.loss = spy
    data = model.data_preprocessor(make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4), True)
    model(**data, mode='loss')
    assert seen == [model.view_scores]
    assert not any(isinstance(v, torch.nn.Module) and v is model
                   for m in model.modules() for v in vars(m).values())
