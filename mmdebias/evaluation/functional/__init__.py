from .fairness import (accuracy_spread, conditional_nmi, equalized_odds_gap,
                       group_accuracy, nmi)
from .scene_bias import linear_probe_accuracy, scene_representation_bias
from .static_bias import (contrasted_accuracy, match_pairs, prediction_rate,
                          top1_accuracy, top1_predictions)

__all__ = [
    'accuracy_spread', 'conditional_nmi', 'equalized_odds_gap', 'group_accuracy', 'nmi',
    'linear_probe_accuracy', 'scene_representation_bias', 'contrasted_accuracy',
    'match_pairs', 'prediction_rate', 'top1_accuracy', 'top1_predictions'
]
