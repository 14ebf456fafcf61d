import torch
import torch.distributed as dist


def setup_cpu_distributed(cfg):
    """Make ``--launcher pytorch`` work on machines without a GPU (gloo backend).

    mmengine 0.10.7's pytorch launcher calls ``torch.cuda.set_device`` and its default model
    wrapper passes ``device_ids=[LOCAL_RANK]``; both fail for CPU-only processes. When no GPU
    is visible this initialises the process group itself (``env://`` from torchrun, gloo
    instead of nccl) -- mmengine then skips its own initialisation -- and wraps the model in
    ``MMDistributedDataParallel`` with ``device_ids=None``. On GPU machines it does nothing.
    """
    if cfg.get('launcher', 'none') != 'pytorch' or torch.cuda.is_available():
        return cfg
    if not dist.is_initialized():
        backend = cfg.get('env_cfg', {}).get('dist_cfg', {}).get('backend', 'gloo')
        dist.init_process_group(backend='gloo' if backend == 'nccl' else backend)
    wrapper = dict(cfg.get('model_wrapper_cfg') or {})
    wrapper.setdefault('type', 'MMDistributedDataParallel')
    wrapper.setdefault('device_ids', None)
    wrapper.setdefault('broadcast_buffers', False)
    wrapper.setdefault('find_unused_parameters', cfg.get('find_unused_parameters', False))
    cfg.model_wrapper_cfg = wrapper
    return cfg


def teardown_distributed() -> None:
    """Leave the process group cleanly at the end of a run: all ranks meet at a barrier,
    then the group is destroyed. Without it a gloo rank can abort at interpreter exit
    ('terminate called without an active exception', SIGABRT) while its communication
    threads are still alive, and torchrun reports the whole job as failed."""
    if dist.is_available() and dist.is_initialized():
        dist.barrier()
        dist.destroy_process_group()
