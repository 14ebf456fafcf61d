from .bias_benchmark import (BiasBenchmarkBuilder, composite, load_masks,
                             mask_background_fraction, mask_quality_report,
                             stripe_background)
from .bias_video_dataset import BiasVideoDataset
from .transforms import *  # noqa: F401,F403

__all__ = [
    'BiasBenchmarkBuilder', 'BiasVideoDataset', 'composite', 'load_masks',
    'mask_background_fraction', 'mask_quality_report', 'stripe_background',
    'StaticFrameRepeat'
]
