import math
from typing import Optional

from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from ...models.losses import gp_mode


@HOOKS.register_module()
class GradientPenaltyHook(Hook):
    r"""Schedule ALBAR's static gradient penalty (Fioresi et al., ICLR 2025).

    The penalty :math:`w_g \cdot GP` (see :func:`static_gradient_penalty`) is computed by
    :class:`ALBARHead` inside the model's loss, so it is part of the same forward/backward as
    the other terms: mmengine sums it (``loss_static_gp``), AMP scales it and DDP reduces it.
    This hook only arranges *when* and *how*: before every training iteration it sets the
    head's penalty weight.

    With ``interval=k > 1`` the penalty is applied every k-th iteration with weight
    ``k * loss_weight`` (lazy regularisation, as in StyleGAN2's lazy R1), which keeps its
    expected contribution while paying the double backward only every k steps.

    Args:
        loss_weight (float): w_g, finite and >= 0 (a negative or NaN weight would leave the
            penalty silently off: ``gp_weight > 0`` is never true). Defaults to 10.0
            (released value); 0 switches the penalty off.
        mode (str): ``'released'`` (the reduction of ALBAR's released code) or ``'l2'``
            (``'faithful'``, its former name, still works with a FutureWarning). Defaults to
            ``'released'``.
        interval (int): Apply every ``interval`` iterations. Defaults to 1.
    """

    priority = 'NORMAL'

    def __init__(self, loss_weight: float = 10.0, mode: str = 'released',
                 interval: int = 1) -> None:
        try:
            mode = gp_mode(mode)
        except ValueError as error:
            raise ValueError(f'GradientPenaltyHook: {error}.') from None
        if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
            raise ValueError(f'GradientPenaltyHook: interval must be a positive int, '
                             f'got {interval!r}.')
        if isinstance(loss_weight, bool) or not isinstance(loss_weight, (int, float)) or not (
                math.isfinite(loss_weight) and loss_weight >= 0):
            raise ValueError(f'GradientPenaltyHook: loss_weight must be a finite number >= 0 '
                             f'(0 switches the penalty off), got {loss_weight!r}.')
        self.loss_weight = float(loss_weight)
        self.mode = mode
        self.interval = interval

    @staticmethod
    def find_head(model):
        if is_model_wrapper(model):
            model = model.module
        head = getattr(model, 'cls_head', None)
        if not hasattr(head, 'set_gradient_penalty'):
            raise RuntimeError(
                'GradientPenaltyHook penalises the gradients of ALBAR static clips, but '
                f'model.cls_head is {type(head).__name__}. Use '
                "model.cls_head = dict(type='ALBARHead', head=<your head cfg>) with "
                "model.data_preprocessor = dict(type='StaticClipSampler', ...), or remove "
                'the hook from custom_hooks.')
        return head

    def weight_at(self, iteration: int) -> float:
        """Penalty weight used at 0-based training iteration ``iteration``."""
        if iteration % self.interval == 0:
            return self.loss_weight * self.interval
        return 0.0

    def before_train(self, runner) -> None:
        self.find_head(runner.model)

    def before_train_iter(self, runner, batch_idx: int, data_batch: Optional[dict] = None):
        self.find_head(runner.model).set_gradient_penalty(
            self.weight_at(runner.iter), self.mode)

    def after_train(self, runner) -> None:
        self.find_head(runner.model).set_gradient_penalty(0.0, self.mode)
