import logging
from typing import Sequence

from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.logging import print_log
from mmengine.model import BaseModule, is_model_wrapper


def reinit_module(module) -> int:
    """Re-initialise ``module`` in place; returns the number of leaf layers reset.

    Every sub-layer with a ``reset_parameters`` method (convolutions, linear layers,
    normalisation layers, whose running statistics are reset too) gets PyTorch's default
    initialisation; a module whose class defines its own ``init_weights`` (other than
    mmengine's generic :meth:`BaseModule.init_weights`, e.g. MMAction2's ``I3DHead``: a normal
    init of std ``init_std`` for its classifier) then runs it, so a re-initialised head starts
    as a freshly built one.
    """
    count = 0
    for layer in module.modules():
        if hasattr(layer, 'reset_parameters'):
            layer.reset_parameters()
            count += 1
    init = getattr(type(module), 'init_weights', None)
    if init is not None and init is not BaseModule.init_weights:
        module.init_weights()
    return count


@HOOKS.register_module()
class ReinitModulesHook(Hook):
    """Re-initialise named parts of the model after ``load_from`` was loaded.

    For fine-tuning a trained model with parts of it started afresh, e.g. repairing a
    shortcut-bound model with its classifier and last stage re-initialised
    (``modules=['cls_head', 'backbone.layer4']``): mmengine's Runner loads ``load_from``
    before the ``before_train`` hooks run, so these modules lose the loaded weights and start
    as freshly built ones (:func:`reinit_module`). Only a fresh run is touched: a resumed one
    (``runner.iter > 0``) keeps the weights its checkpoint restored.

    Args:
        modules (Sequence[str]): Dotted names of modules of the model (as in
            ``model.named_modules()``), e.g. ``'cls_head'``, ``'backbone.layer4'``.
    """

    priority = 'VERY_HIGH'

    def __init__(self, modules: Sequence[str]) -> None:
        if isinstance(modules, str) or not isinstance(modules, Sequence) or not modules or \
                not all(isinstance(m, str) and m for m in modules):
            raise TypeError('ReinitModulesHook: modules must be a non-empty list of dotted '
                            f"module names such as ['cls_head', 'backbone.layer4'], got "
                            f'{modules!r}.')
        self.modules = list(modules)

    def before_train(self, runner) -> None:
        if runner.iter > 0:  # resumed: the checkpoint's weights are the run's own
            return
        model = runner.model.module if is_model_wrapper(runner.model) else runner.model
        names = dict(model.named_modules())
        for name in self.modules:
            if name not in names:
                tops = sorted(n for n in names if n and '.' not in n)
                raise KeyError(f'ReinitModulesHook: the model has no module {name!r} (config '
                               f'key custom_hooks, modules=); its top-level modules: {tops}.')
            count = reinit_module(names[name])
            # (a warning: the weights load_from gave these modules are discarded)
            print_log(f'ReinitModulesHook: re-initialised {name} ({count} layers; its '
                      'loaded weights discarded)', logger='current', level=logging.WARNING)
