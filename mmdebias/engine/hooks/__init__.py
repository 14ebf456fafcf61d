from .dataset_check_hook import DatasetCheckHook
from .gradient_penalty_hook import GradientPenaltyHook
from .grl_schedule_hook import GRL_SCHEDULES, GRLScheduleHook
from .random_state_hook import RandomStateHook

__all__ = ['DatasetCheckHook', 'GradientPenaltyHook', 'GRLScheduleHook', 'GRL_SCHEDULES', 'RandomStateHook']
