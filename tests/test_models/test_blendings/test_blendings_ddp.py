"""ALBAR + all blendings (BlendingList) under two-process DDP on CPU (gloo).

Each rank seeds torch's generator the same way as a single-process run on that rank's
batch, so the blendings draw the same lam / partners / frames / masks; the all-reduced
gradients must then equal the mean of the two single-process gradients. With SGD (lr 1, no
momentum) a step moves a parameter by -grad, so parameters after one DDP step are compared
with the mean of two single-process steps. The frame bank is read by every rank.
"""
import copy
import os
import sys

import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from tests.conformance import make_batch, recognizer_cfg
from tests.test_models.test_blendings.helpers import R3D18_TINY

SHAPE = (1, 3, 4, 16, 16)
pytestmark = pytest.mark.slow  # two spawned processes


def _cfg(bank_file):
    blendings = [
        dict(type='StillMixBlending', prob=1.0),
        dict(type='StillMixBlending', prob=0.5, bank_file=bank_file, mean=[127.5] * 3,
             std=[64.0] * 3),
        dict(type='BEBlending', prob=1.0),
        dict(type='FAMEBlending', prob=1.0, mean=[127.5] * 3, std=[64.0] * 3),
        dict(type='ActorCutMixBlending', num_classes=4, prob=1.0),
        dict(type='VideoMixBlending', num_classes=4, prob=1.0),
    ]
    return recognizer_cfg(
        R3D18_TINY, type='DebiasRecognizer3D',
        data_preprocessor=dict(R3D18_TINY['data_preprocessor'], type='StaticClipSampler',
                               blending=dict(type='BlendingList', blendings=blendings)),
        cls_head=dict(type='ALBARHead', head=R3D18_TINY['cls_head']))


def _batch(rank):
    masks = np.zeros((2, 4, 16, 16), np.uint8)
    masks[0, :, 4:12, 2:8] = 1
    return make_batch(2, SHAPE, 4, seed=10 + rank, extra_fields=dict(actor_mask=masks))


def _build(cfg, state_dict):
    from mmaction.registry import MODELS
    from mmaction.utils import register_all_modules

    import mmdebias  # noqa: F401
    register_all_modules(init_default_scope=True)
    model = MODELS.build(copy.deepcopy(cfg))
    model.load_state_dict(state_dict)
    return model


def _sgd(model):
    from mmengine.optim import OptimWrapper
    return OptimWrapper(torch.optim.SGD(model.parameters(), lr=1.0))


def _worker(rank, world_size, port, cfg, state_dict, out_path):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    torch.set_num_threads(1)
    dist.init_process_group('gloo', rank=rank, world_size=world_size)
    from mmengine.model import MMDistributedDataParallel
    model = MMDistributedDataParallel(module=_build(cfg, state_dict),
                                      find_unused_parameters=False)
    torch.manual_seed(100 + rank)
    log_vars = model.train_step(_batch(rank), _sgd(model))
    assert 'loss_static_ce' in log_vars and 'loss_cls' in log_vars
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

    from mmdebias.models import save_frame_bank
    bank_file = str(tmp_path / 'bank.npz')
    frames = np.random.default_rng(0).integers(0, 256, (5, 16, 16, 3), dtype=np.uint8)
    save_frame_bank(bank_file, frames, [0] * 5, ['v.mp4'] * 5, range(5), [1.0] * 5)
    cfg = _cfg(bank_file)
    torch.manual_seed(0)
    init = MODELS.build(copy.deepcopy(cfg)).state_dict()
    out_path = str(tmp_path / 'ddp.pth')
    mp.start_processes(_worker, args=(2, free_port, cfg, init, out_path), nprocs=2,
                       join=True, start_method='spawn')
    ddp_state = torch.load(out_path, weights_only=False)

    singles = []
    for rank in range(2):
        model = _build(cfg, init)
        torch.manual_seed(100 + rank)
        model.train_step(_batch(rank), _sgd(model))
        singles.append(model.state_dict())
    for name, _ in _build(cfg, init).named_parameters():
        key = name.replace('cls_head.head.', 'cls_head.')
        expected = init[key] - (singles[0][key] + singles[1][key]) / 2
        got = init[key] - ddp_state[key]
        assert expected.abs().max() > 0, key
        torch.testing.assert_close(got, expected, rtol=1e-3,
                                   atol=1e-5 * expected.abs().max().item(),
                                   msg=lambda m, key=key: f'parameter {key}: {m}')
