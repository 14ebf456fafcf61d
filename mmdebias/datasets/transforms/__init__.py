from .static_frame_repeat import StaticFrameRepeat

__all__ = ['StaticFrameRepeat']
