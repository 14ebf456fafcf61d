from .static_clip_sampler import StaticClipSampler

__all__ = ['StaticClipSampler']
