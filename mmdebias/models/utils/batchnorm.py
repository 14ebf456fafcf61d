from contextlib import contextmanager

import torch.nn as nn
from torch.nn.modules.batchnorm import _BatchNorm

from ...utils.checks import check_choice

STATIC_BN_MODES = ('batch_stats', 'batch_stats_update', 'running_stats')


@contextmanager
def static_pass_batchnorm(model: nn.Module, mode: str = 'batch_stats'):
    """How BatchNorm layers in training mode treat an auxiliary (static-clip) forward pass.

    - ``batch_stats`` (default): normalise with the auxiliary batch's own statistics and leave
      the running statistics (used at test time) untouched -- static clips influence neither
      the motion clips' batch statistics nor the test-time statistics.
    - ``batch_stats_update``: own batch statistics and update the running statistics (what a
      plain second forward pass in train mode does).
    - ``running_stats``: normalise with the running statistics (BN in eval mode for this pass).

    Layers already in eval mode (e.g. frozen BN) are left alone.
    """
    check_choice(mode, STATIC_BN_MODES, 'static BN mode')
    layers = [m for m in model.modules() if isinstance(m, _BatchNorm) and m.training]
    if mode == 'batch_stats_update' or not layers:
        yield
        return
    saved = [m.track_running_stats for m in layers]
    try:
        for m in layers:
            if mode == 'batch_stats':
                m.track_running_stats = False
            else:
                m.train(False)
        yield
    finally:
        for m, track in zip(layers, saved):
            m.track_running_stats = track
            m.train(True)


@contextmanager
def single_sample_batchnorm(module: nn.Module, batch_size: int):
    """BatchNorm1d cannot train on one sample: use the running statistics for a batch of one
    (e.g. the one labelled clip of an adversary's batch), training statistics otherwise."""
    layers = [m for m in module.modules() if isinstance(m, nn.BatchNorm1d) and m.training]
    if batch_size > 1 or not layers:
        yield
        return
    try:
        for m in layers:
            m.train(False)
        yield
    finally:
        for m in layers:
            m.train(True)
