"""Give a component a handle on the recognizer that owns it.

ALBAR runs the recognizer's backbone (and neck) a second time, on static clips, from inside
the classification head -- that is what keeps the model type a stock ``Recognizer2D`` /
``Recognizer3D``. A head, however, is built by the recognizer and never learns who its parent
is. This module installs one PyTorch *module registration hook*
(:func:`torch.nn.modules.module.register_module_module_registration_hook`): whenever a module
that subclasses :class:`RecognizerBound` is assigned as an attribute of another module
(``self.cls_head = MODELS.build(cfg)`` in ``BaseRecognizer.__init__``), the parent is recorded
on the child. The reference is kept outside ``_modules`` so it never appears in
``state_dict``, ``named_modules``, ``.to()`` or DDP's parameter list; ``deepcopy`` and pickling
keep it consistent (the copy points to the copied parent).
"""
import torch.nn as nn
from torch.nn.modules.module import register_module_module_registration_hook


class RecognizerBound:
    """Mixin for modules that need the recognizer they are a direct child of.

    After ``parent.child = module`` the child can read ``self.recognizer``.
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
                'a model config (e.g. model.cls_head / model.data_preprocessor of a '
                'Recognizer2D/Recognizer3D) so that it can run the backbone.')
        return parent


def _on_module_registration(parent: nn.Module, name: str, child: nn.Module):
    if isinstance(child, RecognizerBound) and not isinstance(parent, RecognizerBound):
        child._bind_recognizer(parent)
    return None


_HANDLE = register_module_module_registration_hook(_on_module_registration)
