from .entropy_loss import NegativeEntropyLoss, negative_entropy
from .gradient_penalty import GP_MODES, gp_mode, static_gradient_penalty
from .kl_divergence_loss import KLDivergenceLoss

__all__ = ['NegativeEntropyLoss', 'negative_entropy', 'static_gradient_penalty', 'GP_MODES',
           'gp_mode', 'KLDivergenceLoss']
