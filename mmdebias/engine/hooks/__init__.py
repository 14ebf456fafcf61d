from .gradient_penalty_hook import GradientPenaltyHook
from .grl_schedule_hook import GRL_SCHEDULES, GRLScheduleHook

__all__ = ['GradientPenaltyHook', 'GRLScheduleHook', 'GRL_SCHEDULES']
