"""Conformance helper: a component works inside a stock MMAction2 recognizer.

Builds ``Recognizer2D`` / ``Recognizer3D`` from a config with the given head / neck /
preprocessor, runs ``train_step`` (loss, backward, optimizer step) and ``test_step``, and
checks the loss dict and the predictions -- the pattern of MMAction2's
``tests/models/recognizers/test_recognizer3d.py::train_test_step``.
"""
import copy
from typing import Dict, Optional, Sequence

import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample
from mmengine.optim import OptimWrapper

TSN_R18 = dict(
    type='Recognizer2D',
    backbone=dict(type='ResNet', depth=18, pretrained=None, norm_eval=False),
    cls_head=dict(type='TSNHead', num_classes=4, in_channels=512, spatial_type='avg',
                  consensus=dict(type='AvgConsensus', dim=1), dropout_ratio=0.0,
                  average_clips='prob'),
    data_preprocessor=dict(type='ActionDataPreprocessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], format_shape='NCHW'))

SLOWONLY_R18 = dict(
    type='Recognizer3D',
    backbone=dict(type='ResNet3dSlowOnly', depth=18, pretrained=None, lateral=False,
                  conv1_kernel=(1, 7, 7), conv1_stride_t=1, pool1_stride_t=1,
                  inflate=(0, 0, 1, 1), norm_eval=False),
    cls_head=dict(type='I3DHead', in_channels=512, num_classes=4, spatial_type='avg',
                  dropout_ratio=0.0, average_clips='prob'),
    data_preprocessor=dict(type='ActionDataPreprocessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], format_shape='NCTHW'))

# per-sample input shape (views, C, T, H, W) for 3D, (segments, C, H, W) for TSN
SAMPLE_SHAPES = {'Recognizer2D': (3, 3, 32, 32), 'Recognizer3D': (1, 3, 4, 32, 32)}
SAMPLE_SHAPES.update({f'Debias{k}': v for k, v in list(SAMPLE_SHAPES.items())})


def debias_type(base: dict) -> str:
    """``'DebiasRecognizer2D'`` / ``'DebiasRecognizer3D'`` for a stock ``base`` config."""
    return base['type'] if base['type'].startswith('Debias') else 'Debias' + base['type']


def recognizer_cfg(base: dict, **overrides) -> dict:
    """A copy of ``base`` with top-level entries replaced (e.g. ``cls_head=...``)."""
    cfg = copy.deepcopy(base)
    for key, value in overrides.items():
        if value is None:
            cfg.pop(key, None)
        else:
            cfg[key] = copy.deepcopy(value)
    return cfg


def make_batch(batch_size: int, sample_shape: Sequence[int], num_classes: int,
               seed: int = 0, extra_fields: Optional[Dict] = None) -> dict:
    """A batch as a dataloader yields it: uint8 tensors and ActionDataSamples with labels."""
    gen = torch.Generator().manual_seed(seed)
    inputs = [torch.randint(0, 256, tuple(sample_shape), generator=gen, dtype=torch.uint8)
              for _ in range(batch_size)]
    samples = []
    for i in range(batch_size):
        sample = ActionDataSample().set_gt_label(i % num_classes)
        for key, values in (extra_fields or {}).items():
            sample.set_field(values[i], key)
        samples.append(sample)
    return dict(inputs=inputs, data_samples=samples)


def train_test_step(model_cfg: dict, batch_size: int = 2, num_classes: int = 4,
                    expected_losses: Sequence[str] = ('loss_cls', ),
                    sample_shape: Optional[Sequence[int]] = None,
                    extra_fields: Optional[Dict] = None, lr: float = 0.01,
                    clip_grad: Optional[Dict] = None):
    """Build the recognizer, run one train_step and one test_step, check the outputs.

    ``clip_grad``: as in an MMAction2 config's ``optim_wrapper`` (e.g. ``dict(max_norm=40)``).

    Returns ``(model, log_vars, predictions)`` for further checks.
    """
    model = MODELS.build(copy.deepcopy(model_cfg))
    model.init_weights()
    shape = sample_shape or SAMPLE_SHAPES[model_cfg['type']]
    optim_wrapper = OptimWrapper(torch.optim.SGD(model.parameters(), lr=lr), clip_grad=clip_grad)

    before = {k: v.detach().clone() for k, v in model.named_parameters()}
    model.train()
    log_vars = model.train_step(
        make_batch(batch_size, shape, num_classes, extra_fields=extra_fields), optim_wrapper)
    assert isinstance(log_vars, dict) and 'loss' in log_vars
    for key in expected_losses:
        assert key in log_vars, f'{key} missing from {sorted(log_vars)}'
    for key, value in log_vars.items():
        assert torch.isfinite(torch.as_tensor(value)).all(), f'{key} = {value}'
    changed = [k for k, v in model.named_parameters() if not torch.equal(v, before[k])]
    assert any(k.startswith('backbone.') for k in changed), 'backbone was not updated'
    assert any(k.startswith('cls_head.') for k in changed), 'head was not updated'

    model.eval()
    with torch.no_grad():
        predictions = model.test_step(
            make_batch(batch_size, shape, num_classes, seed=1, extra_fields=extra_fields))
    assert len(predictions) == batch_size
    for pred in predictions:
        assert isinstance(pred, ActionDataSample)
        assert pred.pred_score.shape == (num_classes, )
        assert torch.isfinite(pred.pred_score).all()
    return model, log_vars, predictions
