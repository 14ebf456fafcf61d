"""How recognizer parts reach the recognizer (and only through it)."""
import copy

import numpy as np
import pytest
import torch
import torch.nn as nn
from mmaction.registry import MODELS
from mmengine.model import BaseModule

from mmdebias.models.utils import GradientReversal
from tests.conformance import SAMPLE_SHAPES, SLOWONLY_R18, make_batch, recognizer_cfg

STATIC = dict(SLOWONLY_R18['data_preprocessor'], type='StaticClipSampler')
ALBAR = dict(type='DebiasHead', head=SLOWONLY_R18['cls_head'],
             objectives=[dict(type='ALBARObjective')])


@MODELS.register_module(name='_WrapsADebiasHead', force=True)
class _WrapsADebiasHead(BaseModule):
    """A user head that wraps ALBAR instead of listing it as an objective."""

    def __init__(self, inner: dict) -> None:
        super().__init__()
        self.inner = MODELS.build(inner)


def test_parts_are_bound_to_their_recognizer_outside_the_module_tree():
    model = MODELS.build(recognizer_cfg(SLOWONLY_R18, data_preprocessor=STATIC,
                                        cls_head=ALBAR))
    assert model.cls_head.recognizer is model
    assert model.data_preprocessor.recognizer is model
    assert not any(k.startswith('cls_head.recognizer') for k in model.state_dict())
    assert len(list(model.modules())) == len(set(map(id, model.modules())))  # no cycle
    clone = copy.deepcopy(model)
    assert clone.cls_head.recognizer is clone


def test_assignment_to_another_module_does_not_bind():
    holder = nn.Module()
    holder.head = MODELS.build(ALBAR)
    with pytest.raises(RuntimeError, match='not attached to a recognizer.*model.cls_head'):
        holder.head.recognizer


def test_a_bound_part_hidden_in_a_wrapper_is_a_build_error_naming_the_fix():
    cfg = recognizer_cfg(SLOWONLY_R18, data_preprocessor=STATIC,
                         cls_head=dict(type='_WrapsADebiasHead', inner=ALBAR))
    with pytest.raises(TypeError, match=r"model.cls_head.inner.*objectives=\["):
        MODELS.build(cfg)


def test_static_pass_has_no_hidden_aspect_losses():
    """With ALBAR and a scene adversary, the neck sees data samples (and its adversary runs)
    once per step: in the motion pass, not in the static pass."""
    cfg = recognizer_cfg(SLOWONLY_R18, data_preprocessor=STATIC, cls_head=ALBAR, neck=dict(
        type='AdversarialAspectNeck', in_channels=512, adversaries=[
            dict(type='AspectAdversary', name='scene', num_classes=3, hidden_channels=8)]))
    model = MODELS.build(cfg)
    neck_calls, adversary_calls = [], []
    model.neck.register_forward_pre_hook(
        lambda m, args, kwargs: neck_calls.append(kwargs.get('data_samples')),
        with_kwargs=True)
    for layer in model.neck.modules():
        if isinstance(layer, GradientReversal):
            layer.register_forward_hook(lambda *_: adversary_calls.append(1))
    batch = make_batch(2, SAMPLE_SHAPES['Recognizer3D'], 4,
                       extra_fields=dict(scene_label=list(np.eye(3, dtype=np.float32)[:2])))
    losses = model(**model.data_preprocessor(batch, True), mode='loss')
    assert {'loss_scene', 'loss_static_ce', 'loss_static_entropy'} <= set(losses)
    assert len(neck_calls) == 2  # motion pass, static pass
    assert neck_calls[0] is not None and neck_calls[1] is None
    assert len(adversary_calls) == 1
    assert torch.isfinite(losses['loss_scene'])
