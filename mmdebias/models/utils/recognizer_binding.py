"""Give a component a handle on the recognizer that owns it.

ALBAR runs the recognizer's backbone (and neck) a second time, on static clips, from inside
the classification head -- that is what keeps the model type a stock ``Recognizer2D`` /
``Recognizer3D``. A head, however, is built by the recognizer and never learns who its parent
is: ``BaseRecognizer.__init__`` does ``self.cls_head = MODELS.build(cfg)`` and
``BaseRecognizer.loss`` calls ``self.cls_head.loss(feats, data_samples, **kwargs)`` with the
features only. The explicit alternatives were weighed and rejected:

- a recognizer subclass that hands itself to the head: configs and checkpoints would no
  longer use the stock recognizer types, which the project promises to keep;
- a runner hook that binds ``runner.model``: models built outside a runner (tests, tools,
  notebooks, ``init_model``) would be silently unbound;
- the data preprocessor or the features: neither carries the recognizer.

So this module installs one PyTorch *module registration hook*
(:func:`torch.nn.modules.module.register_module_module_registration_hook`, process-wide,
installed when ``mmdebias`` is imported): whenever a module that subclasses
:class:`RecognizerBound` is assigned as an attribute of an MMAction2 recognizer
(``self.cls_head = ...``, ``self.neck = ...``, ``self.data_preprocessor = ...``), the
recognizer is recorded on it. The reference is kept outside ``_modules`` so it never appears
in ``state_dict``, ``named_modules``, ``.to()`` or DDP's parameter list; ``deepcopy`` and
pickling keep it consistent (the copy points to the copied parent). Assignments to any other
module are ignored, except that a recognizer part which *hides* a :class:`RecognizerBound`
module inside a plain module (e.g. a custom head wrapping ``ALBARHead``) is a build-time
``TypeError`` that names the fix. Containers that are themselves :class:`RecognizerBound`
(``SequentialNeck``) bind their parts explicitly.
"""
import torch
import torch.nn as nn
from mmaction.models.recognizers import BaseRecognizer

try:
    from torch.nn.modules.module import register_module_module_registration_hook
except ImportError as error:  # torch < 2.0
    raise ImportError(
        f'mmdebias needs torch >= 2.0 (module registration hooks); this environment has '
        f'torch {torch.__version__}. Upgrade torch (and rebuild mmcv for it).') from error


class RecognizerBound:
    """Mixin for modules that need the recognizer they are a direct child of.

    After ``recognizer.child = module`` the child can read ``self.recognizer``.
    Subclasses may override :meth:`_check_recognizer` to validate the parent at build time
    (e.g. to ask for a companion component with a message that names the fix).
    """

    def _bind_recognizer(self, parent: nn.Module) -> None:
        # object.__setattr__ bypasses nn.Module.__setattr__, so the parent is not registered
        # as a submodule (that would create a cycle in named_modules / state_dict).
        object.__setattr__(self, '_mmdebias_recognizer', parent)
        self._check_recognizer(parent)

    def _check_recognizer(self, parent: nn.Module) -> None:
        """Validate the owning recognizer; raise with a clear message if it cannot work."""

    @property
    def recognizer(self) -> nn.Module:
        parent = self.__dict__.get('_mmdebias_recognizer')
        if parent is None:
            raise RuntimeError(
                f'{type(self).__name__} is not attached to a recognizer. Build it as part of '
                'a model config, as model.cls_head / model.neck / model.data_preprocessor of '
                'a Recognizer2D/Recognizer3D, so that it can run the backbone.')
        return parent


def _hidden_bound_modules(module: nn.Module):
    """``(path, module)`` of the RecognizerBound modules inside ``module`` that no
    RecognizerBound container above them will bind."""
    for name, child in module.named_children():
        if isinstance(child, RecognizerBound):
            yield name, child
        else:
            for path, inner in _hidden_bound_modules(child):
                yield f'{name}.{path}', inner


def _on_module_registration(parent: nn.Module, name: str, child: nn.Module):
    if not isinstance(parent, BaseRecognizer):
        return None
    if isinstance(child, RecognizerBound):
        child._bind_recognizer(parent)
        return None
    hidden = list(_hidden_bound_modules(child))
    if hidden:
        path, inner = hidden[0]
        raise TypeError(
            f'model.{name} ({type(child).__name__}) holds {type(inner).__name__} at '
            f'model.{name}.{path}, but {type(inner).__name__} needs the recognizer and is only '
            f'bound as a direct part of it (model.cls_head, model.neck, '
            'model.data_preprocessor). Do not wrap it: combine debiasing methods as '
            "objectives of one head, cls_head=dict(type='DebiasHead', head=<stock head>, "
            "objectives=[dict(type='ALBARObjective'), dict(type='MaskConfusionObjective'), "
            "...]), and chain necks with dict(type='SequentialNeck', necks=[...]).")
    return None


_HANDLE = register_module_module_registration_hook(_on_module_registration)
