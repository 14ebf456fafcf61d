"""ALBAR + gradient penalty under two-process DDP on CPU (gloo).

The all-reduced gradients must equal the mean of the single-process gradients computed on
each rank's batch. With SGD (lr = 1, no momentum) one step moves a parameter by -grad, so we
compare parameters after one DDP ``train_step`` with the mean of two single-process steps.
"""
import copy
import os
import sys

import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from tests.conformance import SLOWONLY_R18, make_batch, recognizer_cfg

CFG = recognizer_cfg(
    SLOWONLY_R18, type='DebiasRecognizer3D',
    data_preprocessor=dict(SLOWONLY_R18['data_preprocessor'], type='StaticClipSampler'),
    cls_head=dict(type='ALBARHead', head=SLOWONLY_R18['cls_head']))
SHAPE = (1, 3, 4, 16, 16)
pytestmark = pytest.mark.slow  # two spawned processes


def _build(state_dict):
    from mmaction.registry import MODELS
    from mmaction.utils import register_all_modules

    import mmdebias  # noqa: F401
    register_all_modules(init_default_scope=True)
    model = MODELS.build(copy.deepcopy(CFG))
    model.load_state_dict(state_dict)  # (penalty: 10, 'released', the defaults)
    return model


def _sgd(model):
    from mmengine.optim import OptimWrapper
    return OptimWrapper(torch.optim.SGD(model.parameters(), lr=1.0))


def _worker(rank, world_size, port, state_dict, out_path):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    torch.set_num_threads(1)
    dist.init_process_group('gloo', rank=rank, world_size=world_size)
    from mmengine.model import MMDistributedDataParallel
    model = MMDistributedDataParallel(module=_build(state_dict), find_unused_parameters=False)
    log_vars = model.train_step(make_batch(2, SHAPE, 4, seed=10 + rank), _sgd(model))
    assert 'loss_static_gp' in log_vars
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


def test_ddp_gradients_equal_mean_of_single_process(tmp_path, free_port):
    from mmaction.registry import MODELS
    torch.manual_seed(0)
    init = MODELS.build(copy.deepcopy(CFG)).state_dict()
    out_path = str(tmp_path / 'ddp.pth')
    mp.start_processes(_worker, args=(2, free_port, init, out_path), nprocs=2,
                       join=True, start_method='spawn')
    ddp_state = torch.load(out_path, weights_only=False)

    singles = []
    for rank in range(2):
        model = _build(init)
        model.train_step(make_batch(2, SHAPE, 4, seed=10 + rank), _sgd(model))
        singles.append(model.state_dict())
    for name, _ in _build(init).named_parameters():
        key = name.replace('cls_head.head.', 'cls_head.')
        # parameter update = -grad (SGD, lr 1); summation order differs between processes,
        # so the tolerance scales with the largest update of the tensor
        expected = init[key] - (singles[0][key] + singles[1][key]) / 2
        got = init[key] - ddp_state[key]
        assert expected.abs().max() > 0, key
        torch.testing.assert_close(got, expected, rtol=1e-3,
                                   atol=1e-5 * expected.abs().max().item(),
                                   msg=lambda m, key=key: f'parameter {key}: {m}')
