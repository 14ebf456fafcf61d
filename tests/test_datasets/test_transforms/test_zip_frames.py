"""ZipFrameInit / ZipFrameDecode: frames of a zip archive (or one image) decoded in memory,
as MMAction2's decoders output them."""
import os
import zipfile

import numpy as np
import pytest
from mmaction.registry import TRANSFORMS
from mmcv.transforms import Compose

from mmdebias.datasets.video_errors import VideoReadError
from tests.test_datasets.released_layouts import (decoded_colour, frame_colour, jpg_bytes,
                                                  frame_image, write_zip)


def pipeline(**sample):
    return Compose([TRANSFORMS.build(dict(type='ZipFrameInit')),
                    TRANSFORMS.build(dict(type='SampleFrames', clip_len=1, num_clips=3,
                                          test_mode=True, **sample)),
                    TRANSFORMS.build(dict(type='ZipFrameDecode'))])


def colour(index, t):
    return decoded_colour([np.full((1, 1, 3), frame_colour(index, t))])[0]


def test_zip_frames_in_sorted_name_order(tmp_path):
    path = str(tmp_path / 'clip.zip')
    write_zip(path, 3, 9)  # members written 00009.jpg ... 00001.jpg
    with zipfile.ZipFile(path, 'a') as archive:
        archive.writestr('__MACOSX/._00001.jpg', b'junk')
        archive.writestr('sub/', b'')
    before = sorted(os.listdir(tmp_path))
    results = pipeline()(dict(filename=path, start_index=0, modality='RGB'))
    assert results['total_frames'] == 9
    assert results['zip_frames'] == [f'{t:05d}.jpg' for t in range(1, 10)]
    assert results['frame_inds'].tolist() == [1, 4, 7]  # segment centres of 9 frames
    assert decoded_colour(results['imgs']) == [colour(3, t) for t in (1, 4, 7)]
    assert results['imgs'][0].dtype == np.uint8 and results['img_shape'] == (24, 32)
    assert sorted(os.listdir(tmp_path)) == before  # nothing unpacked


def test_one_image_is_a_repeated_frame(tmp_path):
    path = tmp_path / 'clip.jpg'
    path.write_bytes(jpg_bytes(frame_image(1, 4)))
    results = pipeline()(dict(filename=str(path), start_index=0, modality='RGB'))
    assert results['total_frames'] == 1 and results['frame_inds'].tolist() == [0, 0, 0]
    assert decoded_colour(results['imgs']) == [colour(1, 4)] * 3
    results['imgs'][0][:] = 0  # copies: an in-place change stays in its frame
    assert results['imgs'][1].max() > 0
    # a 3D clip: 8 frames at interval 2 from a 1-frame clip loop to frame 0
    clip = Compose([TRANSFORMS.build(dict(type='ZipFrameInit')),
                    TRANSFORMS.build(dict(type='SampleFrames', clip_len=8, frame_interval=2,
                                          num_clips=1, test_mode=True)),
                    TRANSFORMS.build(dict(type='ZipFrameDecode'))])
    assert len(clip(dict(filename=str(path), start_index=0))['imgs']) == 8


def test_bad_clips_name_the_file(tmp_path):
    empty = tmp_path / 'empty.zip'
    with zipfile.ZipFile(empty, 'w') as archive:
        archive.writestr('frames/', b'')
    with pytest.raises(ValueError, match='empty.zip: the zip holds no frame images'):
        pipeline()(dict(filename=str(empty), start_index=0))
    with pytest.raises(FileNotFoundError, match='missing.zip'):
        pipeline()(dict(filename=str(tmp_path / 'missing.zip'), start_index=0))
    with pytest.raises(ValueError, match='neither a .zip'):
        pipeline()(dict(filename=str(tmp_path / 'clip.mp4'), start_index=0))
    corrupt = tmp_path / 'corrupt.zip'
    with zipfile.ZipFile(corrupt, 'w') as archive:
        archive.writestr('00001.jpg', b'not a jpeg')
    with pytest.raises(VideoReadError, match="member '00001.jpg' of .*corrupt.zip"):
        pipeline()(dict(filename=str(corrupt), start_index=0))
    good = tmp_path / 'good.zip'
    write_zip(str(good), 0, 3)
    with pytest.raises(IndexError, match='outside clip .*good.zip of 3 frames'):
        pipeline()(dict(filename=str(good), start_index=1))
