"""The ``mmdebias`` registry scope: children of MMAction2's registries.

Every mmdebias component is registered in MMAction2's own registries
(``mmaction.registry.MODELS``, ``TRANSFORMS``, ``METRICS``, ``HOOKS``, ...), so that a stock
MMAction2 config (``default_scope = 'mmaction'``) finds ``ALBARHead`` & co. after
``custom_imports = dict(imports=['mmdebias'])``.

A config that inherits one of ours by package name, ``_base_ = 'mmdebias::albar/...py'``,
gets ``_scope_='mmdebias'`` on every inherited ``type`` (mmengine's rule for ``pkg::``
bases). mmengine then imports ``mmdebias.registry`` and looks for registries whose scope is
``'mmdebias'``. The registries below are those: empty children of MMAction2's, so a lookup
in scope ``mmdebias`` falls through to MMAction2's registry (which holds the mmdebias
components and MMAction2's), and from there to mmengine's.
"""
from mmaction import registry as mmaction_registry
from mmengine.registry import Registry

__all__ = [
    'RUNNERS', 'RUNNER_CONSTRUCTORS', 'LOOPS', 'HOOKS', 'DATASETS', 'DATA_SAMPLERS',
    'TRANSFORMS', 'MODELS', 'MODEL_WRAPPERS', 'WEIGHT_INITIALIZERS', 'OPTIMIZERS',
    'OPTIM_WRAPPERS', 'OPTIM_WRAPPER_CONSTRUCTORS', 'PARAM_SCHEDULERS', 'METRICS',
    'EVALUATOR', 'TASK_UTILS', 'VISUALIZERS', 'VISBACKENDS', 'LOG_PROCESSORS',
    'INFERENCERS', 'FUNCTION'
]


def _child(parent: Registry) -> Registry:
    # Importing mmdebias registers our components; the parent's own modules (e.g.
    # mmaction.visualization for VISUALIZERS) are imported too, as a lookup in scope
    # 'mmaction' would (mmengine imports them lazily, on first lookup, by location).
    return Registry(parent.name, parent=parent, scope='mmdebias',
                    locations=['mmdebias', *parent._locations])


RUNNERS = _child(mmaction_registry.RUNNERS)
RUNNER_CONSTRUCTORS = _child(mmaction_registry.RUNNER_CONSTRUCTORS)
LOOPS = _child(mmaction_registry.LOOPS)
HOOKS = _child(mmaction_registry.HOOKS)
DATASETS = _child(mmaction_registry.DATASETS)
DATA_SAMPLERS = _child(mmaction_registry.DATA_SAMPLERS)
TRANSFORMS = _child(mmaction_registry.TRANSFORMS)
MODELS = _child(mmaction_registry.MODELS)
MODEL_WRAPPERS = _child(mmaction_registry.MODEL_WRAPPERS)
WEIGHT_INITIALIZERS = _child(mmaction_registry.WEIGHT_INITIALIZERS)
OPTIMIZERS = _child(mmaction_registry.OPTIMIZERS)
OPTIM_WRAPPERS = _child(mmaction_registry.OPTIM_WRAPPERS)
OPTIM_WRAPPER_CONSTRUCTORS = _child(mmaction_registry.OPTIM_WRAPPER_CONSTRUCTORS)
PARAM_SCHEDULERS = _child(mmaction_registry.PARAM_SCHEDULERS)
METRICS = _child(mmaction_registry.METRICS)
EVALUATOR = _child(mmaction_registry.EVALUATOR)
TASK_UTILS = _child(mmaction_registry.TASK_UTILS)
VISUALIZERS = _child(mmaction_registry.VISUALIZERS)
VISBACKENDS = _child(mmaction_registry.VISBACKENDS)
LOG_PROCESSORS = _child(mmaction_registry.LOG_PROCESSORS)
INFERENCERS = _child(mmaction_registry.INFERENCERS)
FUNCTION = _child(mmaction_registry.FUNCTION)
