import random
from typing import Optional

import numpy as np
import torch
from mmengine.registry import FUNCTIONS


@FUNCTIONS.register_module()
def epoch_worker_init_fn(worker_id: int, rank: Optional[int] = None, **kwargs) -> None:
    r"""Seed a dataloader worker differently in every epoch, reproducibly.

    mmengine's default ``worker_init_fn`` seeds numpy, ``random`` and torch in worker ``w`` of
    rank ``r`` with ``num_workers * r + w + seed``: the same numbers in every epoch, so with
    ``num_workers > 0`` (and non-persistent workers) each epoch repeats the random
    augmentations of the first. Here the seed is derived from the seed torch gives the worker
    (``torch.initial_seed()`` = a base seed drawn from the main process's generator when the
    epoch's iterator is created, plus ``worker_id``) and the rank:

    .. math:: s = \mathrm{SeedSequence}(\mathrm{initial\_seed}, r)

    so it changes every epoch, follows the global seed, differs across ranks, and is restored
    exactly on resume together with the main process's generator (:class:`RandomStateHook`).
    Usable in a config as ``train_dataloader.worker_init_fn=dict(type='epoch_worker_init_fn')``
    (``RandomStateHook`` installs it by default). Extra keyword arguments are ignored.
    """
    if rank is None:
        from mmengine.dist import get_rank
        rank = get_rank()
    words = np.random.SeedSequence([torch.initial_seed() % 2**63, int(rank)]).generate_state(2)
    np.random.seed(int(words[0]))
    random.seed(int(words[0]))
    torch.manual_seed(int(words[0]) << 32 | int(words[1]))
