from .albar_bias_dataset import ALBARBiasDataset
from .bias_benchmark import BiasBenchmarkBuilder
from .bias_splits import facet_split, omnidebias_select, random_split_like, read_items
from .bias_video_dataset import BiasVideoDataset
from .detection_cache import (CACHE_KEYS, cache_path, detection_ratio, load_detections,
                              save_detections, validate_detections)
from .foreground_masks import (load_masks, mask_background_fraction, mask_quality_report,
                               video_id_of)
from .frame_loader import FrameLoader
from .person_detectors import (PERSON_DETECTORS, HOGDetector, MMDetDetector,
                               build_person_detector)
from .stillmix_bias_dataset import StillMixBiasDataset
from .pseudo_labels import load_pseudo_labels, save_pseudo_labels, video_key
from .synthetic import composite, stripe_background
from .transforms import (HumanMask, LoadActorMask, LoadAspectLabels, LoadSampleWeight,
                         StaticFrameRepeat, ZipFrameDecode, ZipFrameInit)
from .video_io import (VideoReadError, open_video, read_frames, read_video, read_video_frames,
                       read_video_list, video_of_list_line, write_video)

__all__ = [
    'BiasBenchmarkBuilder', 'BiasVideoDataset', 'composite', 'load_masks',
    'mask_background_fraction', 'mask_quality_report', 'stripe_background',
    'StaticFrameRepeat', 'HumanMask', 'LoadAspectLabels', 'LoadActorMask', 'LoadSampleWeight',
    'CACHE_KEYS', 'cache_path',
    'detection_ratio', 'load_detections', 'save_detections', 'validate_detections',
    'load_pseudo_labels', 'save_pseudo_labels', 'video_key', 'HOGDetector', 'MMDetDetector',
    'build_person_detector', 'facet_split', 'omnidebias_select',
    'random_split_like', 'read_items', 'VideoReadError', 'open_video', 'read_frames',
    'read_video_frames', 'video_of_list_line', 'read_video', 'read_video_list', 'write_video',
    'video_id_of', 'FrameLoader', 'PERSON_DETECTORS', 'ALBARBiasDataset',
    'StillMixBiasDataset', 'ZipFrameInit', 'ZipFrameDecode'
]
