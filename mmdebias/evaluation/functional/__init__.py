from .fairness import (accuracy_spread, conditional_nmi, equalized_odds_gap,
                       group_accuracy, nmi)
from .linear_probe import (check_features, fit_linear_probe, linear_probe_top1,
                           mean_std)
from .scene_bias import linear_probe_accuracy, scene_representation_bias
from .static_bias import (contrasted_accuracy, match_pairs, prediction_rate,
                          top1_accuracy, top1_predictions)

__all__ = [
    'accuracy_spread', 'conditional_nmi', 'equalized_odds_gap', 'group_accuracy', 'nmi',
    'check_features', 'fit_linear_probe', 'linear_probe_top1', 'mean_std',
    'linear_probe_accuracy', 'scene_representation_bias', 'contrasted_accuracy',
    'match_pairs', 'prediction_rate', 'top1_accuracy', 'top1_predictions'
]
