from typing import Optional

from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from ...utils.checks import check_int


@HOOKS.register_module()
class GradientPenaltyHook(Hook):
    r"""Schedule ALBAR's static gradient penalty (Fioresi et al., ICLR 2025); optional.

    The penalty :math:`w_g \cdot GP` (see :func:`static_gradient_penalty`) is part of the
    model: its weight ``loss_gp_weight`` (default 10, the released value) and reduction
    ``gp_mode`` are arguments of ``ALBARHead`` / ``ALBARObjective``, which apply it at every
    training step without any hook. This hook only changes *when*: with ``interval=k > 1``
    the penalty is applied every k-th iteration with weight ``k * loss_gp_weight`` (lazy
    regularisation, as in StyleGAN2's lazy R1), which keeps its expected contribution while
    paying the double backward only every k steps. Before every training iteration it sets
    the objectives' scale (``k`` or 0); after training the scale is back at 1.

    Args:
        interval (int): Apply every ``interval`` iterations. Defaults to 1 (every step, the
            same as no hook).
    """

    priority = 'NORMAL'

    def __init__(self, interval: int = 1, loss_weight=None, mode=None) -> None:
        if loss_weight is not None or mode is not None:
            given = ', '.join(f'{k}={v!r}' for k, v in (('loss_weight', loss_weight),
                                                        ('mode', mode)) if v is not None)
            raise ValueError(
                f'GradientPenaltyHook({given}): the penalty weight and reduction are model '
                "arguments now: cls_head=dict(type='ALBARHead', ..., loss_gp_weight=10.0, "
                "gp_mode='released') (or the same keys of dict(type='ALBARObjective')); "
                'without a hook the penalty is applied at every step. The hook only keeps '
                'the schedule: GradientPenaltyHook(interval=k).')
        check_int(interval, 'GradientPenaltyHook: interval', 1)
        self.interval = interval

    @staticmethod
    def find_head(model):
        if is_model_wrapper(model):
            model = model.module
        head = getattr(model, 'cls_head', None)
        if not hasattr(head, 'set_gradient_penalty_scale'):
            raise RuntimeError(
                'GradientPenaltyHook schedules the gradient penalty of ALBAR static clips, but '
                f'model.cls_head is {type(head).__name__}. Use '
                "model.cls_head = dict(type='ALBARHead', head=<your head cfg>) with "
                "model.data_preprocessor = dict(type='StaticClipSampler', ...), or remove "
                'the hook from custom_hooks.')
        return head

    def scale_at(self, iteration: int) -> float:
        """Factor of ``loss_gp_weight`` at 0-based training iteration ``iteration``."""
        return float(self.interval) if iteration % self.interval == 0 else 0.0

    def before_train(self, runner) -> None:
        self.find_head(runner.model)

    def before_train_iter(self, runner, batch_idx: int, data_batch: Optional[dict] = None):
        self.find_head(runner.model).set_gradient_penalty_scale(self.scale_at(runner.iter))

    def after_train(self, runner) -> None:
        self.find_head(runner.model).set_gradient_penalty_scale(1.0)
