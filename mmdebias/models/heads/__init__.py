from .albar_head import ALBARHead

__all__ = ['ALBARHead']
