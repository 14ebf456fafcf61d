from .actor_mask import ACTOR_MISSING_FRAME_MODES, LoadActorMask
from .check_clip_length import SHORT_CLIPS, CheckClipLength
from .human_mask import LOW_DETECTION_MODES, MASK_MODES, MISSING_FRAME_MODES, HumanMask
from .load_aspect_labels import LABEL_FORMATS, LoadAspectLabels
from .load_sample_weight import LoadSampleWeight
from .static_frame_repeat import StaticFrameRepeat
from .zip_frame_decode import ZipFrameDecode
from .zip_frame_init import ZipFrameInit

__all__ = [
    'StaticFrameRepeat', 'HumanMask', 'LoadAspectLabels', 'MISSING_FRAME_MODES',
    'LOW_DETECTION_MODES', 'LABEL_FORMATS', 'MASK_MODES', 'LoadActorMask',
    'ACTOR_MISSING_FRAME_MODES', 'LoadSampleWeight', 'ZipFrameInit', 'ZipFrameDecode',
    'CheckClipLength', 'SHORT_CLIPS'
]
