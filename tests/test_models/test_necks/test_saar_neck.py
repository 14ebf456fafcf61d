import copy

import pytest
import torch
from mmaction.registry import MODELS

from tests.conformance import (SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg,
                               train_test_step)


def _saar(c=8, **kwargs):
    neck = MODELS.build(dict(type='SAARNeck', in_channels=c, mid_channels=4, **kwargs))
    neck.init_weights()
    return neck


def test_uniform_map_is_identity_and_maps_are_kept():
    neck = _saar()
    x = torch.randn(2, 8, 3, 4, 5)
    out, aux = neck(x)
    assert aux == {}
    torch.testing.assert_close(out, x)
    a = neck.last_actionness
    assert tuple(a.shape) == (2, 3, 4, 5)
    torch.testing.assert_close(a, torch.full_like(a, 1 / 20))


def test_reweighting_formula_hand_checked_3d_and_2d():
    gen = torch.Generator().manual_seed(0)
    neck = _saar()
    with torch.no_grad():
        neck.to_map.weight.normal_(generator=gen)
    neck.eval()
    x = torch.randn(2, 8, 3, 4, 5, generator=gen)
    out, _ = neck(x)
    # reference: per time step, residual block + conv, softmax over H*W, times H*W
    frames = x.transpose(1, 2).reshape(6, 8, 4, 5)
    logits = neck.to_map(torch.relu(frames + neck.residual(frames))).reshape(2, 3, 20)
    prob = torch.softmax(logits, dim=2).reshape(2, 1, 3, 4, 5)
    torch.testing.assert_close(out, 20 * x * prob)
    assert not torch.allclose(out, x)
    torch.testing.assert_close(neck.last_actionness.sum(dim=(2, 3)), torch.ones(2, 3))
    # 2D per-frame input [N * T, C, H, W] gives the same per-frame result
    out2d, _ = neck(frames)
    assert tuple(out2d.shape) == (6, 8, 4, 5)
    torch.testing.assert_close(out2d, out.transpose(1, 2).reshape(6, 8, 4, 5))
    assert tuple(neck.last_actionness.shape) == (6, 1, 4, 5)
    # Recognizer2D: list of per-stage maps [N, C, segs, H, W] -> segment average
    stage = torch.randn(2, 8, 3, 4, 5, generator=gen)
    avg, _ = neck([torch.randn(2, 4, 3, 8, 10), stage])
    torch.testing.assert_close(avg, neck(stage)[0].mean(2, keepdim=True))


def test_gradient_reaches_the_map_and_bad_inputs_raise():
    neck = _saar()
    with torch.no_grad():
        neck.to_map.bias.fill_(3.0)  # a constant shift is still uniform
    x = torch.randn(2, 8, 1, 3, 3)
    torch.testing.assert_close(neck(x)[0], x)
    neck(x)[0].pow(2).sum().backward()
    assert neck.to_map.weight.grad.abs().sum() > 0
    with pytest.raises(ValueError, match='model.neck.in_channels=4'):
        neck(torch.randn(2, 4, 1, 3, 3))
    with pytest.raises(ValueError, match='placement'):
        _saar(placement='layer3')
    with pytest.raises(TypeError, match='tuple'):
        neck((x, x))


def test_conformance_tsn_needs_two_stages_and_starts_as_identity():
    cfg = recognizer_cfg(TSN_R18, neck=dict(type='SAARNeck', in_channels=512))
    with pytest.raises(ValueError, match=r'out_indices.*\(2, 3\)'):  # checked at build time
        MODELS.build(dict(cfg, type='DebiasRecognizer2D'))
    cfg['backbone']['out_indices'] = (2, 3)
    model = MODELS.build(cfg)
    model.init_weights()
    plain = MODELS.build(recognizer_cfg(TSN_R18))
    plain.load_state_dict({k: v for k, v in model.state_dict().items()
                           if not k.startswith('neck.')})
    model.eval()
    plain.eval()
    batch = make_batch(2, (3, 3, 32, 32), 4, seed=1)
    with torch.no_grad():
        for a, b in zip(model.test_step(copy.deepcopy(batch)), plain.test_step(batch)):
            torch.testing.assert_close(a.pred_score, b.pred_score, rtol=1e-5, atol=1e-6)
    assert tuple(model.neck.last_actionness.shape) == (2, 3, 1, 1)
    train_test_step(cfg, sample_shape=(3, 3, 32, 32))


def test_before_last_stage_placement_keeps_stock_keys_and_reweights_layer4_input():
    neck = dict(type='SAARNeck', in_channels=256, placement='before_last_stage')
    with pytest.raises(RuntimeError, match="'DebiasRecognizer3D'"):  # the hook's installer
        MODELS.build(recognizer_cfg(SLOWONLY_R18, neck=neck)).test_step(
            make_batch(1, (1, 3, 4, 32, 32), 4))
    model, _, _ = train_test_step(recognizer_cfg(SLOWONLY_R18, type='DebiasRecognizer3D',
                                                 neck=neck), sample_shape=(1, 3, 4, 32, 32))
    plain_keys = set(MODELS.build(recognizer_cfg(SLOWONLY_R18)).state_dict())
    keys = set(model.state_dict())
    assert plain_keys <= keys and all(k.startswith('neck.') for k in keys - plain_keys)
    # layer4 input of a 32x32 clip is 2x2 (stride 16), T = 4
    assert tuple(model.neck.last_actionness.shape) == (2, 4, 2, 2)
    # the hook changes what layer4 sees once the map is non-uniform
    with torch.no_grad():
        model.neck.to_map.weight.normal_()
    model.eval()
    inputs = torch.randn(1, 3, 4, 32, 32)
    with torch.no_grad():
        hooked = model.backbone(inputs)
        model.neck._hook_handle.remove()
        unhooked = model.backbone(inputs)
    assert not torch.allclose(hooked, unhooked)
    # TSN: per frame [N * segs, C, H, W]
    tsn = recognizer_cfg(TSN_R18, type='DebiasRecognizer2D', neck=neck)
    tsn['backbone']['out_indices'] = (2, 3)
    model = MODELS.build(tsn)
    model.eval()
    with torch.no_grad():
        model.test_step(make_batch(2, (3, 3, 32, 32), 4))
    assert tuple(model.neck.last_actionness.shape) == (6, 1, 2, 2)


def test_before_last_stage_hook_follows_deepcopy():
    neck = dict(type='SAARNeck', in_channels=256, placement='before_last_stage')
    model = MODELS.build(recognizer_cfg(SLOWONLY_R18, type='DebiasRecognizer3D', neck=neck))
    twin = copy.deepcopy(model)
    twin.eval()
    with torch.no_grad():
        twin.backbone(torch.randn(1, 3, 2, 32, 32))
    assert twin.neck.last_actionness is not None and model.neck.last_actionness is None
