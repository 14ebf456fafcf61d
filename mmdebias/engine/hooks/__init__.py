from .gradient_penalty_hook import GradientPenaltyHook

__all__ = ['GradientPenaltyHook']
