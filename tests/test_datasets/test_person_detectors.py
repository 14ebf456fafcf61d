import numpy as np
import pytest

from mmdebias.datasets.person_detectors import (PERSON_DETECTORS, HOGDetector,
                                                build_person_detector)


def test_detectors_are_chosen_from_the_registry():
    assert {'hog', 'mmdet'} <= set(PERSON_DETECTORS.module_dict)
    detector = build_person_detector(dict(type='hog', win_stride=16))
    assert isinstance(detector, HOGDetector) and detector.win_stride == (16, 16)
    (boxes, scores), = detector([np.zeros((64, 64, 3), np.uint8)])  # below the HOG window
    assert boxes.shape == (0, 4) and scores.shape == (0, )


def test_a_registered_detector_is_usable_by_name():

    @PERSON_DETECTORS.register_module(name='everywhere_test')
    class Everywhere:

        def __call__(self, frames):
            return [(np.array([[0, 0, f.shape[1], f.shape[0]]], np.float32),
                     np.ones(1, np.float32)) for f in frames]

    try:
        (boxes, _), = build_person_detector(dict(type='everywhere_test'))(
            [np.zeros((4, 6, 3), np.uint8)])
        assert boxes.tolist() == [[0, 0, 6, 4]]
    finally:
        PERSON_DETECTORS.module_dict.pop('everywhere_test')


@pytest.mark.parametrize('cfg, match', [
    (dict(type='yolo'), r"one of \['hog', 'mmdet'\].*'yolo'"),
    (dict(), 'got None'),
    (dict(type='mmdet'), 'needs config=')])
def test_bad_detector_configs(cfg, match):
    with pytest.raises(ValueError, match=match):
        build_person_detector(cfg)
