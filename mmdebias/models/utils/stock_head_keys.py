"""Checkpoint keys of a head that wraps a stock mmaction head as ``self.head``."""
from functools import partial
from typing import Sequence

import torch.nn as nn


def use_stock_head_keys(module: nn.Module, own: Sequence[str] = ()) -> None:
    """Register state-dict hooks so ``module`` (e.g. ``ALBARHead``) saves the wrapped head's
    parameters under the stock names (``cls_head.fc_cls.weight``, not
    ``cls_head.head.fc_cls.weight``) and loads either form: its checkpoints load into a plain
    recognizer and plain checkpoints load into it. Sub-modules named in ``own`` (e.g.
    ``'confusion'``) belong to the wrapper and keep their names.
    """
    module.register_state_dict_post_hook(_strip_head_prefix)
    module.register_load_state_dict_pre_hook(partial(_add_head_prefix, own=tuple(own)))


def _strip_head_prefix(module, state_dict, prefix, local_metadata) -> None:
    inner = prefix + 'head.'
    for key in [k for k in state_dict if k.startswith(inner)]:
        state_dict[prefix + key[len(inner):]] = state_dict.pop(key)


def _add_head_prefix(module, state_dict, prefix, local_metadata, strict, missing_keys,
                     unexpected_keys, error_msgs, own=()) -> None:
    keep = tuple(prefix + name + '.' for name in ('head', ) + own)
    for key in [k for k in state_dict if k.startswith(prefix) and not k.startswith(keep)]:
        state_dict[prefix + 'head.' + key[len(prefix):]] = state_dict.pop(key)
