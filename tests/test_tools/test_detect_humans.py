"""tools/data/detect_humans.py: HOG (weights-free, real) and a random-init mmdet detector."""
import os.path as osp

import cv2
import numpy as np
import pytest
from mmengine.registry import DefaultScope

from mmdebias.datasets.detection_cache import cache_path, load_detections
from tests.scripts import load_script


@pytest.fixture(scope='module')
def tool():
    # worker functions pickle by module name
    return load_script('tools/data/detect_humans.py', register=True)


def test_hog_finds_people_in_the_mmdet_demo_image(tool, data_dir):
    img = cv2.imread(osp.join(data_dir, 'images', 'demo.jpg'))  # JPEG (cv2 PNG is unsafe)
    (boxes, scores), = tool.build_person_detector(dict(type='hog'))([img[..., ::-1]])
    assert len(boxes) >= 1 and (scores > 0).all()
    h, w = img.shape[:2]
    assert (boxes[:, 2] > boxes[:, 0]).all() and (boxes[:, 3] > boxes[:, 1]).all()
    assert (boxes[:, [0, 2]] <= w + 16).all() and (boxes[:, [1, 3]] <= h + 16).all()


def test_hog_on_videos_writes_valid_cache_resumes_and_multiprocess(tool, data_dir, tmp_path,
                                                                   capsys):
    videos = osp.join(data_dir, 'videos')
    lst = tmp_path / 'list.txt'
    lst.write_text('part_0.mp4 0\ntest.avi 1\n')
    cache = tmp_path / 'cache'
    common = [str(lst), '--data-root', videos, '--cache-root', str(cache), '--detector',
              'hog', '--stride', '8', '--report-ratio', '0.7']
    assert tool.main(common + ['--workers', '2']) == 0  # two forked worker processes
    assert '2 written' in capsys.readouterr().out
    for name, n_frames, shape in (('part_0.mp4', 32, (256, 340)), ('test.avi', 164,
                                                                  (240, 320))):
        video = osp.join(videos, name)
        det = load_detections(cache_path(video, str(cache), videos), video)
        np.testing.assert_array_equal(det['frame_inds'], np.arange(0, n_frames, 8))
        assert tuple(det['img_shape']) == shape
    assert (cache / 'low_detection.txt').exists()
    capsys.readouterr()
    assert tool.main(common) == 0  # resumable: everything already cached
    assert '0 written, 2 already cached' in capsys.readouterr().out


def test_failed_video_is_reported_not_dropped(tool, tmp_path, capsys):
    lst = tmp_path / 'list.txt'
    lst.write_text('missing.mp4 0\n')
    code = tool.main([str(lst), '--data-root', str(tmp_path), '--cache-root',
                      str(tmp_path / 'c'), '--detector', 'hog'])
    assert code == 1 and 'missing.mp4' in (tmp_path / 'c' / 'failed.txt').read_text()


def test_random_init_mmdet_detector_writes_valid_cache(tool, data_dir, tmp_path):
    lst = tmp_path / 'list.txt'
    lst.write_text('part_0.mp4 0\n')
    videos = osp.join(data_dir, 'videos')
    scope = DefaultScope.get_current_instance().scope_name
    code = tool.main([
        str(lst), '--data-root', videos, '--cache-root', str(tmp_path), '--config',
        'mmdet::faster_rcnn/faster-rcnn_r50_fpn_1x_coco.py', '--stride', '8', '--max-frames',
        '2', '--min-score', '0.0', '--cfg-options', 'model.backbone.depth=18',
        'model.neck.in_channels=[64,128,256,512]',
        'test_dataloader.dataset.pipeline.1.scale=(128,96)'
    ])
    assert code == 0
    assert DefaultScope.get_current_instance().scope_name == scope  # scope not leaked
    video = osp.join(videos, 'part_0.mp4')
    det = load_detections(cache_path(video, str(tmp_path), videos), video)
    np.testing.assert_array_equal(det['frame_inds'], [0, 8])
    assert tuple(det['img_shape']) == (256, 340)
    assert set(det['frame_of_box'].tolist()) <= {0, 8}
