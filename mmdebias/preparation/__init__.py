"""Offline data preparation, run by ``tools/data/`` (and the analysis tools) before training.

Nothing here is built by a config or called by a data pipeline at train or test time; that
is :mod:`mmdebias.datasets`. This package imports :mod:`mmdebias.datasets` (the format
readers and validators the pipeline uses, e.g. :mod:`mmdebias.datasets.pseudo_labels`), never
the reverse, so a training job does not load it. One job per module:

- :mod:`.bias_splits`: SMAD / OmniDebias bias-aware selection and facet splits
  (``tools/data/facet_split.py``, ``tools/data/omnidebias_select.py``);
- :mod:`.bias_benchmark`: the SCUBA / SCUFO / Confl-FG / Confl-BG benchmark builder
  (``tools/data/build_bias_benchmark.py``);
- :mod:`.foreground_masks`: per-video actor masks, the builder's input;
- :mod:`.frame_loader`: frames through MMAction2's test transforms for the frame-model tools
  (``extract_pseudo_labels.py``, ``stillmix_frame_bank.py``, ``tools/analysis/scene_bias.py``);
- :mod:`.video_io`: the offline video readers, the one video writer and the list reader;
- :mod:`.synthetic`: the MotionShapes benchmark generator and the background / compositing
  primitives it shares with the bias-benchmark builder (``tools/data/make_motion_shapes.py``).

The person-detection cache and the pseudo-label files are written by ``tools/data/`` but read
by transforms at train time, so their formats (validator, reader and writer together) are in
:mod:`mmdebias.datasets.detection_cache` and :mod:`mmdebias.datasets.pseudo_labels`.
"""
from .bias_benchmark import BiasBenchmarkBuilder
from .bias_splits import facet_split, omnidebias_select, random_split_like, read_items
from .foreground_masks import (load_masks, mask_background_fraction, mask_quality_report,
                               video_id_of)
from .frame_loader import FrameLoader
from .video_io import (open_video, read_frames, read_video, read_video_frames, read_video_list,
                       video_of_list_line, write_video)

__all__ = [
    'BiasBenchmarkBuilder', 'facet_split', 'omnidebias_select', 'random_split_like',
    'read_items', 'load_masks', 'mask_background_fraction', 'mask_quality_report',
    'video_id_of', 'FrameLoader', 'open_video', 'read_frames', 'read_video',
    'read_video_frames', 'read_video_list', 'video_of_list_line', 'write_video'
]
