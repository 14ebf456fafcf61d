"""Take a debiased model elsewhere: stock checkpoints and penultimate features.

- :mod:`.stock_export`: a debiasing checkpoint as a stock MMAction2 one (backbone + plain
  head; objectives, adversaries, static experts dropped), checked by a strict load.
- :mod:`.features`: penultimate features per video (linear probes) and per clip (temporal
  localisation / anomaly detection).
"""
from .features import (ClipFeatureExtractor, batch_features, build_feature_model,
                       dataset_features, load_feature_weights, view_features)
from .stock_export import (KEY_MAP, check_stock_load, export_stock_checkpoint,
                           is_mmdebias_type, stock_model_config, stock_state_dict)

__all__ = [
    'ClipFeatureExtractor', 'batch_features', 'build_feature_model', 'dataset_features',
    'load_feature_weights', 'view_features', 'KEY_MAP', 'check_stock_load',
    'export_stock_checkpoint', 'is_mmdebias_type', 'stock_model_config', 'stock_state_dict'
]
