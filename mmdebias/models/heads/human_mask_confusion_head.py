from typing import Optional

from mmaction.registry import MODELS
from mmaction.utils import ConfigType

from ...utils.deprecation import renamed_argument
from .debias_head import DebiasHead


@MODELS.register_module()
class HumanMaskConfusionHead(DebiasHead):
    """SDN's human-mask confusion loss (Choi et al., NeurIPS 2019) around any MMAction2 head:
    a preset of :class:`DebiasHead` with one :class:`MaskConfusionObjective`.

    ``dict(type='HumanMaskConfusionHead', head=<stock head>, mode='paper', ...)`` is the
    same model as::

        dict(type='DebiasHead', head=<stock head>, objectives=[
            dict(type='MaskConfusionObjective', mode='paper', ...)])

    (same losses, ``loss_cls`` on the unmasked / original clips and ``loss_mask_entropy``;
    the formula and both modes, ``'paper'`` and ``'released'``, are in
    :class:`MaskConfusionObjective`). Kept so that existing configs and checkpoints work
    unchanged; to combine it with another method (ALBAR, a product of experts), write the
    ``DebiasHead`` form and list the objectives. Stock checkpoints load; checkpoints of the
    former stand-alone head, whose released-mode classifier was saved under
    ``cls_head.confusion.``, load too (the keys are moved to
    ``cls_head.objectives.0.confusion.``).

    Args:
        head (dict): Config of the wrapped head (``I3DHead``, ``TSNHead``, ...).
        loss_weight (float): Weight w of the confusion loss. Defaults to 1.0.
        mode (str): ``'paper'`` or ``'released'``. Defaults to ``'paper'``.
        mask_flag (str): Data-sample field marking masked clips. Defaults to
            ``'human_masked'``.
        in_channels (int, optional): Feature channels, for ``mode='released'`` (defaults to
            the wrapped head's ``in_channels``).
        hidden_channels (int, optional): Width of the released-mode classifier; None: the
            feature width, as the released ``hm_mlp``. Defaults to 512.
        num_hidden_layers (int): Hidden layers of the released-mode classifier. Defaults to 1.
        grl_lambda (float): Gradient-reversal strength (SDN's lambda) of the released-mode
            classifier. Defaults to 1.0.
        init_cfg (dict, optional): Init config. The wrapped head keeps its own.
        alpha (float, optional): Deprecated name of ``grl_lambda`` (a ``FutureWarning``;
            removed after 2027-06-30).
    """

    def __init__(self,
                 head: ConfigType,
                 loss_weight: float = 1.0,
                 mode: str = 'paper',
                 mask_flag: str = 'human_masked',
                 in_channels: Optional[int] = None,
                 hidden_channels: Optional[int] = 512,
                 num_hidden_layers: int = 1,
                 grl_lambda: float = 1.0,
                 init_cfg: Optional[dict] = None,
                 alpha: Optional[float] = None) -> None:
        grl_lambda = renamed_argument('HumanMaskConfusionHead', 'alpha', 'grl_lambda', alpha,
                                      grl_lambda, 1.0)
        objective = dict(type='MaskConfusionObjective', loss_weight=loss_weight, mode=mode,
                         mask_flag=mask_flag, hidden_channels=hidden_channels,
                         num_hidden_layers=num_hidden_layers, grl_lambda=grl_lambda)
        if in_channels is not None:
            objective['in_channels'] = in_channels
        super().__init__(head, objectives=[objective], init_cfg=init_cfg)

    def _load_from_state_dict(self, state_dict, prefix, *args, **kwargs):
        # checkpoints of the former stand-alone head: cls_head.confusion.* (released mode)
        old, new = prefix + 'confusion.', prefix + 'objectives.0.confusion.'
        for key in [k for k in state_dict if k.startswith(old)]:
            state_dict[new + key[len(old):]] = state_dict.pop(key)
        super()._load_from_state_dict(state_dict, prefix, *args, **kwargs)
