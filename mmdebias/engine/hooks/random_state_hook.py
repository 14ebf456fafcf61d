import random
from functools import partial
from typing import Optional

import numpy as np
import torch
from mmaction.registry import HOOKS
from mmengine.dist import get_rank
from mmengine.hooks import Hook
from mmengine.runner import EpochBasedTrainLoop

from ...utils import epoch_worker_init_fn

CHECKPOINT_KEY = 'mmdebias_random_state'


@HOOKS.register_module()
class RandomStateHook(Hook):
    """Exact resume: every random state training consumes travels in the checkpoint.

    mmengine saves weights, optimizer, schedulers and the loop counters, but not the random
    generators, so a run resumed from epoch ``e`` draws different augmentations, static-frame
    choices (``StaticClipSampler(frame_index='random')``), blending coefficients and dropout
    masks than the uninterrupted run would have: the weights drift apart after the first
    resumed step. This hook makes *uninterrupted* and *interrupted-and-resumed* training
    bit-identical on CPU (and on GPU where the ops are deterministic):

    - ``after_train_epoch`` (before :class:`CheckpointHook` saves) it records the state of
      Python's ``random``, numpy's global generator, torch's CPU generator and every CUDA
      generator; ``before_save_checkpoint`` writes it under ``'mmdebias_random_state'``;
      ``after_load_checkpoint`` reads it back.
    - ``before_train_epoch`` it restores the recorded state, in both runs. Whatever ran in
      between (validation, which draws a dataloader seed, or a restart) therefore leaves no
      trace in the training stream.
    - With ``reseed_workers=True`` (default) the train dataloader's workers are seeded from
      the seed torch gives each worker of each epoch (drawn from the restored main-process
      generator) and the rank, instead of mmengine's default ``worker_init_fn``, which seeds
      numpy / ``random`` / torch with ``num_workers * rank + worker_id + seed`` -- the *same*
      numbers every epoch, so with ``num_workers > 0`` every epoch repeats the previous
      epoch's random augmentations. See :func:`epoch_worker_init_fn`.

    mmengine's ``DefaultSampler`` needs nothing: it shuffles with a generator seeded by
    ``seed + epoch``. Requirements, checked with a warning: an epoch-based loop resumed from
    an epoch checkpoint, a fixed ``randomness.seed`` (``--seed``), and
    ``persistent_workers=False`` when ``num_workers > 0`` (a persistent worker keeps its
    generator in its own process, where no checkpoint can reach it).

    Use it in any MMAction2 config with one line (the project's runtime base config has it)::

        custom_hooks = [dict(type='RandomStateHook')]

    Args:
        reseed_workers (bool): Replace the train dataloader's ``worker_init_fn`` by
            :func:`epoch_worker_init_fn`. Defaults to True.
    """

    priority = 'VERY_HIGH'  # record before CheckpointHook saves, restore before anything draws

    def __init__(self, reseed_workers: bool = True) -> None:
        if not isinstance(reseed_workers, bool):
            raise TypeError(f'RandomStateHook: reseed_workers must be a bool, got '
                            f'{reseed_workers!r}.')
        self.reseed_workers = reseed_workers
        self._state: Optional[dict] = None

    # -- checkpoint ---------------------------------------------------------------------
    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self._state is not None:
            checkpoint[CHECKPOINT_KEY] = self._state

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        state = checkpoint.get(CHECKPOINT_KEY)
        # (``load_from`` without ``resume`` starts a new run, e.g. a fine-tune from a
        # pre-trained backbone: there is no interrupted run to repeat, so no warning)
        if state is None and getattr(runner, '_resume', False):
            runner.logger.warning(
                'RandomStateHook: the checkpoint has no random state (written without this '
                'hook); training continues from the current random state, so it will not '
                'repeat an uninterrupted run exactly.')
        self._state = state

    # -- training -----------------------------------------------------------------------
    def before_train(self, runner) -> None:
        loop = runner.train_loop
        if not isinstance(loop, EpochBasedTrainLoop):
            runner.logger.warning(
                f'RandomStateHook: exact resume is only guaranteed for EpochBasedTrainLoop; '
                f'this run uses {type(loop).__name__}.')
        if runner.seed is None or runner._randomness_cfg.get('seed') is None:
            runner.logger.warning(
                'RandomStateHook: no fixed seed (randomness.seed / --seed): the sampler '
                'order of a resumed run will differ. Pass --seed for exact resume.')
        loader = getattr(loop, 'dataloader', None)
        if loader is None:
            return
        if loader.num_workers > 0 and loader.persistent_workers:
            runner.logger.warning(
                'RandomStateHook: train_dataloader.persistent_workers=True keeps the '
                "workers' random state outside the checkpoint; set persistent_workers=False "
                'for exact resume.')
        if self.reseed_workers and loader.num_workers > 0:
            loader.worker_init_fn = partial(epoch_worker_init_fn, rank=get_rank())

    def after_train_epoch(self, runner) -> None:
        self._state = get_random_state()

    def before_train_epoch(self, runner) -> None:
        if self._state is not None:
            set_random_state(self._state)


def get_random_state() -> dict:
    """Python, numpy, torch CPU and CUDA generator states, in checkpoint-safe types (numpy's
    key array is stored as a tensor)."""
    kind, keys, pos, has_gauss, gauss = np.random.get_state()
    state = dict(python=random.getstate(),
                 numpy=dict(kind=kind, keys=torch.from_numpy(keys.astype(np.int64)),
                            pos=int(pos), has_gauss=int(has_gauss), gauss=float(gauss)),
                 torch=torch.get_rng_state())
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        state['cuda'] = torch.cuda.get_rng_state_all()
    return state


def set_random_state(state: dict) -> None:
    """Inverse of :func:`get_random_state`."""
    random.setstate(_as_python_state(state['python']))
    n = state['numpy']
    np.random.set_state((n['kind'], n['keys'].numpy().astype(np.uint32), n['pos'],
                         n['has_gauss'], n['gauss']))
    torch.set_rng_state(state['torch'])
    if 'cuda' in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state['cuda'])


def _as_python_state(state):
    # random.setstate needs (int, tuple-of-ints, float | None); a checkpoint may give lists
    version, internal, gauss = state
    return version, tuple(internal), gauss
