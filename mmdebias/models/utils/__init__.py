from .adversary_mlp import (SDN_RELEASED_MLPS, build_adversary_mlp, load_released_sdn_mlp,
                            released_sdn_mlp_keys)
from .batchnorm import STATIC_BN_MODES, single_sample_batchnorm, static_pass_batchnorm
from .describe_sample import describe_sample
from .gradient_reversal import GradientReversal, gradient_reversal
from .paired_views import PAIRED_FLAG, paired_views
from .pooling import last_stage_map, pooled_features
from .stock_head_keys import use_stock_head_keys

__all__ = [
    'static_pass_batchnorm', 'STATIC_BN_MODES', 'GradientReversal',
    'gradient_reversal', 'paired_views', 'PAIRED_FLAG', 'use_stock_head_keys',
    'build_adversary_mlp', 'pooled_features', 'single_sample_batchnorm', 'describe_sample',
    'load_released_sdn_mlp', 'released_sdn_mlp_keys', 'SDN_RELEASED_MLPS', 'last_stage_map'
]
