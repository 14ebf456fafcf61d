import math
from typing import Optional

from mmaction.registry import HOOKS
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from ...models.utils import GradientReversal
from ...utils.checks import check_choice, check_weight
from ...utils.deprecation import renamed_argument

GRL_SCHEDULES = ('constant', 'linear', 'sigmoid')


@HOOKS.register_module()
class GRLScheduleHook(Hook):
    r"""Set the strength :math:`\lambda` (``grl_lambda``) of every :class:`GradientReversal` in the model.

    Before each training iteration, with training progress
    :math:`p = \mathrm{iter} / \mathrm{max\_iters} \in [0, 1]`:

    .. math::

        \lambda(p) = \lambda_0 \cdot f(p), \qquad f(p) = \begin{cases}
            1 & \text{constant} \\
            p & \text{linear} \\
            \frac{2}{1 + \exp(-\gamma p)} - 1 & \text{sigmoid (DANN)}
        \end{cases}

    The sigmoid ramp with :math:`\gamma = 10` is the schedule of Ganin & Lempitsky (ICML
    2015); SDN (Choi et al., NeurIPS 2019) keeps :math:`\lambda` constant. :math:`\lambda_0`
    is ``grl_lambda`` if given, otherwise each layer's own configured value
    (``base_grl_lambda``), so
    several adversarial heads keep their relative strengths.

    Args:
        schedule (str): ``'constant'``, ``'linear'`` or ``'sigmoid'``. Defaults to
            ``'sigmoid'``.
        grl_lambda (float, optional): :math:`\lambda_0` for all layers. Defaults to None
            (each layer's ``base_grl_lambda``).
        gamma (float): Steepness of the sigmoid ramp. Defaults to 10.0.
        alpha (float, optional): Deprecated name of ``grl_lambda`` (a ``FutureWarning``;
            removed after 2027-06-30).
    """

    priority = 'NORMAL'

    def __init__(self, schedule: str = 'sigmoid', grl_lambda: Optional[float] = None,
                 gamma: float = 10.0, alpha: Optional[float] = None) -> None:
        grl_lambda = renamed_argument('GRLScheduleHook', 'alpha', 'grl_lambda', alpha,
                                      grl_lambda, None)
        check_choice(schedule, GRL_SCHEDULES, 'GRLScheduleHook: schedule')
        self.schedule = schedule
        # grl_lambda=None: each layer's own base_grl_lambda
        self.grl_lambda = None if grl_lambda is None else check_weight(
            grl_lambda, 'GRLScheduleHook: grl_lambda')
        self.gamma = check_weight(gamma, 'GRLScheduleHook: gamma', positive=True)

    def factor(self, progress: float) -> float:
        """:math:`f(p)` for training progress ``p`` (clipped to [0, 1])."""
        p = min(max(float(progress), 0.0), 1.0)
        if self.schedule == 'constant':
            return 1.0
        if self.schedule == 'linear':
            return p
        return 2.0 / (1.0 + math.exp(-self.gamma * p)) - 1.0

    @staticmethod
    def find_layers(model):
        if is_model_wrapper(model):
            model = model.module
        layers = [m for m in model.modules() if isinstance(m, GradientReversal)]
        if not layers:
            raise RuntimeError(
                'GRLScheduleHook found no GradientReversal layer in the model. Add an '
                "adversarial component (e.g. model.neck = dict(type='AdversarialAspectNeck', "
                '...)) or remove the hook from custom_hooks.')
        return layers

    def before_train(self, runner) -> None:
        self.find_layers(runner.model)  # fail at start, not after the first epoch

    def before_train_iter(self, runner, batch_idx: int, data_batch=None) -> None:
        max_iters = max(int(runner.max_iters), 1)
        f = self.factor(runner.iter / max_iters)
        for layer in self.find_layers(runner.model):
            base = layer.base_grl_lambda if self.grl_lambda is None else self.grl_lambda
            layer.set_grl_lambda(base * f)
