"""What a config builds: datasets and data-pipeline transforms (registered in MMAction2's
``DATASETS`` / ``TRANSFORMS``), and the modules they call at train and test time.

Those runtime modules are imported by path, not re-exported here: the readers of the
offline artefacts the pipeline consumes (:mod:`.detection_cache`, :mod:`.pseudo_labels`,
with their writers beside the validators that define the formats), the person detectors a
:class:`HumanMask` config may build for its online mode (:mod:`.person_detectors`), the
class lists of the released benchmarks (:mod:`.label_lists`) and the video read errors
(:mod:`.video_errors`). Offline data preparation (splits, the bias-benchmark builder, the
MotionShapes generator, foreground masks, video I/O, frame loading for the data tools) is
:mod:`mmdebias.preparation`, which imports this package and is never imported by it.
"""
from .albar_bias_dataset import ALBARBiasDataset
from .bias_video_dataset import BiasVideoDataset
from .stillmix_bias_dataset import StillMixBiasDataset
from .transforms import (CheckClipLength, HumanMask, LoadActorMask, LoadAspectLabels,
                         LoadSampleWeight, StaticFrameRepeat, ZipFrameDecode, ZipFrameInit)

__all__ = [
    'ALBARBiasDataset', 'BiasVideoDataset', 'StillMixBiasDataset', 'HumanMask',
    'LoadActorMask', 'LoadAspectLabels', 'LoadSampleWeight', 'StaticFrameRepeat',
    'ZipFrameDecode', 'ZipFrameInit', 'CheckClipLength'
]
