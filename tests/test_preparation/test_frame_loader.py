import os.path as osp

import numpy as np
import pytest
from mmengine.dataset import Compose

from mmdebias.datasets.video_errors import VideoReadError
from mmdebias.preparation.frame_loader import FrameLoader
from mmdebias.preparation.video_io import read_video_frames


def test_segment_centres_are_a_stock_test_pipeline(data_dir):
    video = osp.join(data_dir, 'videos', 'test.mp4')
    inputs, inds = FrameLoader(64, 56, num_frames=8)(video)
    assert tuple(inputs.shape) == (8, 3, 56, 56) and str(inputs.dtype) == 'torch.uint8'
    total = len(read_video_frames(video))
    assert inds.tolist() == ((np.arange(8) + 0.5) * total / 8).astype(int).tolist()
    # the same transforms in a config pipeline, as a test_pipeline of the configs
    stock = Compose([
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=8, test_mode=True),
        dict(type='DecordDecode'),
        dict(type='Resize', scale=(-1, 64)),
        dict(type='CenterCrop', crop_size=56),
        dict(type='FormatShape', input_format='NCHW'),
        dict(type='PackActionInputs')])
    packed = stock(dict(filename=video, start_index=0, modality='RGB'))
    assert (packed['inputs'] == inputs).all()


def test_given_frames_and_strides(data_dir):
    video = osp.join(data_dir, 'videos', 'test.avi')
    loader = FrameLoader(32, 32)
    frames = read_video_frames(video)
    inputs, inds = loader(video, stride=7)
    assert inds.tolist() == list(range(0, len(frames), 7)) and len(inputs) == len(inds)
    picked, inds = loader(video, frame_inds=[14, 0])
    assert inds.tolist() == [14, 0] and (picked[0] == inputs[2]).all()
    with pytest.raises(ValueError, match='exactly one of'):
        loader(video)
    with pytest.raises(ValueError, match='exactly one of'):
        FrameLoader(32, 32, num_frames=2)(video, stride=2)
    with pytest.raises(ValueError, match='crop_size must be an int >= 1'):
        FrameLoader(32, 0)


def test_an_undecodable_video_is_named(tmp_path):
    bad = tmp_path / 'not a video.mp4'
    bad.write_bytes(b'\x00' * 4096)
    with pytest.raises(VideoReadError, match='not a video.mp4.*Replace the file'):
        FrameLoader(32, 32, num_frames=2)(str(bad))
