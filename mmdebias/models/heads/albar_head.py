from typing import Optional, Union

from mmaction.registry import MODELS
from mmaction.utils import ConfigType

from .debias_head import DebiasHead


@MODELS.register_module()
class ALBARHead(DebiasHead):
    """ALBAR (Fioresi, Dave & Shah, ICLR 2025) around any MMAction2 head: a preset of
    :class:`DebiasHead` with one :class:`ALBARObjective`.

    ``dict(type='ALBARHead', head=<stock head>, loss_static_weight=1.0, ...)`` is the same
    model as::

        dict(type='DebiasHead', head=<stock head>, objectives=[
            dict(type='ALBARObjective', loss_static_weight=1.0, ...)])

    (same losses, keys ``loss_cls``, ``loss_static_ce``, ``loss_static_entropy``,
    ``loss_static_gp``, and the formula in :class:`ALBARObjective`). Kept so that existing
    configs and checkpoints work unchanged; to combine ALBAR with another method, write the
    ``DebiasHead`` form and list both objectives. The model is a ``DebiasRecognizer3D`` /
    ``DebiasRecognizer2D`` (which runs the static pass; a stock recognizer is an error at
    the first step) with ``StaticClipSampler`` as the data preprocessor (a build-time error
    otherwise). All four weights are model arguments with
    the released values as defaults, so the head trains with the paper's gradient penalty
    (w_g = 10, every step) without any hook; ``GradientPenaltyHook`` is optional and only
    schedules the penalty (``interval``). ``state_dict`` keys are the wrapped head's stock keys
    (``cls_head.fc_cls.weight``): checkpoints load into a plain recognizer and back.

    Args:
        head (dict): Config of the wrapped head (``I3DHead``, ``TSNHead``, ...).
        loss_motion_weight (float): w_t. Defaults to 1.0.
        loss_static_weight (float): w_s. Defaults to 1.0.
        loss_entropy_weight (float): w_e. Defaults to 4.25.
        loss_gp_weight (float): w_g, the gradient-penalty weight (0: no penalty). Defaults
            to 10.0.
        gp_mode (str): ``'released'`` or ``'l2'``, the penalty's reduction. Defaults to
            ``'released'``.
        static_bn (str): BatchNorm in the static pass, one of ``'batch_stats'``,
            ``'batch_stats_update'``, ``'running_stats'``. Defaults to ``'batch_stats'``.
        static_ce_bound (str | float, optional): ``'chance'`` or a number of nats bounds each
            static clip's adversarial term (mmdebias's guard against the class-flipping
            solution, see :class:`ALBARObjective`). Defaults to None (the paper's term).
        init_cfg (dict, optional): Init config. The wrapped head keeps its own.
    """

    def __init__(self,
                 head: ConfigType,
                 loss_motion_weight: float = 1.0,
                 loss_static_weight: float = 1.0,
                 loss_entropy_weight: float = 4.25,
                 loss_gp_weight: float = 10.0,
                 gp_mode: str = 'released',
                 static_bn: str = 'batch_stats',
                 static_ce_bound: Optional[Union[str, float]] = None,
                 init_cfg: Optional[dict] = None) -> None:
        super().__init__(head, objectives=[dict(
            type='ALBARObjective', loss_motion_weight=loss_motion_weight,
            loss_static_weight=loss_static_weight, loss_entropy_weight=loss_entropy_weight,
            loss_gp_weight=loss_gp_weight, gp_mode=gp_mode, static_bn=static_bn,
            static_ce_bound=static_ce_bound)], init_cfg=init_cfg)
