from .motion_shapes import CLASSES, MotionShapesRenderer, generate_motion_shapes

__all__ = ['CLASSES', 'MotionShapesRenderer', 'generate_motion_shapes']
