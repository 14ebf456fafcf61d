from .bias_video_dataset import BiasVideoDataset
from .transforms import *  # noqa: F401,F403

__all__ = ['BiasVideoDataset']
