from .dataset_check_hook import DatasetCheckHook
from .gradient_penalty_hook import GradientPenaltyHook
from .grl_schedule_hook import GRL_SCHEDULES, GRLScheduleHook
from .random_state_hook import RandomStateHook
from .reinit_modules_hook import ReinitModulesHook, reinit_module

__all__ = ['DatasetCheckHook', 'GradientPenaltyHook', 'GRLScheduleHook', 'GRL_SCHEDULES',
           'RandomStateHook', 'ReinitModulesHook', 'reinit_module']
