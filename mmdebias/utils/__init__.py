from .atomic_write import atomic_write, write_json
from .dist_utils import setup_cpu_distributed, teardown_distributed
from .safe_checkpoint import (UnsafeCheckpointError, mmengine_safe_globals,
                              safe_checkpoint_loading, unsafe_checkpoint_loading)
from .worker_seed import epoch_worker_init_fn

__all__ = [
    'atomic_write', 'write_json', 'setup_cpu_distributed', 'teardown_distributed', 'UnsafeCheckpointError',
    'safe_checkpoint_loading', 'mmengine_safe_globals', 'unsafe_checkpoint_loading',
    'epoch_worker_init_fn'
]
