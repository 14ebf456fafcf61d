from .actor_cutmix import ActorCutMixBlending
from .base import (BaseVideoBlending, check_beta_params, check_probability, from_clips,
                   to_clips)
from .be import BEBlending
from .blending_list import BlendingList
from .fame import FAMEBlending, fame_mask
from .frame_bank import load_frame_bank, save_frame_bank
from .static_swap import StaticSwapBlending
from .stillmix import StillMixBlending
from .videomix import VIDEOMIX_MODES, VideoMixBlending

__all__ = [
    'BaseVideoBlending', 'BlendingList', 'StillMixBlending', 'BEBlending', 'FAMEBlending',
    'ActorCutMixBlending', 'VideoMixBlending', 'VIDEOMIX_MODES', 'fame_mask',
    'load_frame_bank', 'save_frame_bank', 'check_probability', 'check_beta_params',
    'to_clips', 'from_clips', 'StaticSwapBlending'
]
