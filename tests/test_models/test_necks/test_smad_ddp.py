"""SMAD (SAARNeck -> AdversarialAspectNeck, two aspects) under two-process DDP on CPU (gloo).

With SGD (lr = 1, no momentum) one DDP ``train_step`` must move every parameter by minus the
mean of the two single-process gradients. Rank 1's batch has no object tags, so its object
loss is the zero loss that still touches every parameter (no unused-parameter error).
"""
import copy
import os
import sys

import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from tests.conformance import SLOWONLY_R18, make_batch, recognizer_cfg
from tests.test_models.test_heads.test_albar_ddp import _sgd

pytestmark = pytest.mark.slow  # two spawned processes
CFG = recognizer_cfg(SLOWONLY_R18, neck=dict(type='SequentialNeck', necks=[
    dict(type='SAARNeck', in_channels=512),
    dict(type='AdversarialAspectNeck', in_channels=512, preset='smad',
         aspects=[dict(name='scene', num_classes=5, hidden_channels=8),
                  dict(name='obj', num_classes=3, label_type='multi', hidden_channels=8)])]))
SHAPE = (1, 3, 1, 64, 64)  # last map 2 x 2: the spatial softmax has a gradient
FIELDS = [dict(scene_label=[np.full(5, 0.2), np.eye(5)[2]], obj_label=[np.array([1, 0, 1.]),
                                                                      np.array([0, 1, 0.])]),
          dict(scene_label=[np.eye(5)[3], np.array([0.5, 0.5, 0, 0, 0])], obj_label=[-1, -1])]


def _build(state_dict):
    from mmaction.registry import MODELS
    from mmaction.utils import register_all_modules

    import mmdebias  # noqa: F401
    register_all_modules(init_default_scope=True)
    model = MODELS.build(copy.deepcopy(CFG))
    model.load_state_dict(state_dict)
    return model


def _batch(rank):
    return make_batch(2, SHAPE, 4, seed=20 + rank, extra_fields=FIELDS[rank])


def _worker(rank, world_size, port, state_dict, out_path):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    torch.set_num_threads(1)
    dist.init_process_group('gloo', rank=rank, world_size=world_size)
    from mmengine.model import MMDistributedDataParallel
    model = MMDistributedDataParallel(module=_build(state_dict), find_unused_parameters=False)
    log_vars = model.train_step(_batch(rank), _sgd(model))
    assert 'loss_scene' in log_vars and 'loss_obj' in log_vars
    if rank == 0:
        torch.save(model.module.state_dict(), out_path)
    dist.barrier()
    dist.destroy_process_group()
    # Leave without running destructors: freeing the DDP reducer after the group can
    # deadlock in torch's gloo teardown (the main thread joins gloo's worker thread while
    # holding the GIL that thread waits for). Everything the test reads is written above.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def test_smad_ddp_gradients_equal_mean_of_single_process(tmp_path, free_port):
    from mmaction.registry import MODELS
    torch.manual_seed(0)
    init = MODELS.build(copy.deepcopy(CFG)).state_dict()
    # a non-uniform actionness map, so the SAAR residual block receives gradients
    init['neck.necks.0.to_map.weight'] = 0.1 * torch.randn_like(
        init['neck.necks.0.to_map.weight'])
    out_path = str(tmp_path / 'ddp.pth')
    mp.start_processes(_worker, args=(2, free_port, init, out_path), nprocs=2,
                       join=True, start_method='spawn')
    ddp_state = torch.load(out_path, weights_only=False)
    singles = []
    for rank in range(2):
        model = _build(init)
        model.train_step(_batch(rank), _sgd(model))
        singles.append(model.state_dict())
    moved = set()
    for key, _ in _build(init).named_parameters():
        expected = init[key] - (singles[0][key] + singles[1][key]) / 2
        got = init[key] - ddp_state[key]
        if expected.abs().max() > 1e-4:
            moved.add(key)
        # summation order differs between processes: tolerance 1e-4 of the tensor's largest
        # update, plus a floor of 1e-5 for gradients that are mathematically zero and only
        # rounding noise here (workers run 1 thread, this process 2), e.g. the to_map bias under
        # the shift-invariant softmax, Linear biases followed by BatchNorm
        torch.testing.assert_close(got, expected, rtol=1e-3,
                                   atol=1e-4 * expected.abs().max().item() + 1e-5,
                                   msg=lambda m, key=key: f'parameter {key}: {m}')
    for prefix in ('backbone.', 'cls_head.', 'neck.necks.0.residual.', 'neck.necks.0.to_map.w',
                   'neck.necks.1.adversaries.scene.', 'neck.necks.1.adversaries.obj.'):
        assert any(k.startswith(prefix) for k in moved), f'no update under {prefix}'
