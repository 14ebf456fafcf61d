import json
import os.path as osp

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmengine.config import Config

from tests.scripts import load_script

STOCK = 'configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py'


@pytest.fixture
def setup(repo_root, tmp_path, data_dir):
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(osp.join(repo_root, STOCK)).model)
    ckpt = str(tmp_path / 'model.pth')
    torch.save(dict(state_dict=model.state_dict()), ckpt)
    videos = tmp_path / 'list.txt'
    videos.write_text('part_0.mp4\n\ntest.avi 3\n')  # with or without a label
    return dict(ckpt=ckpt, list=str(videos), root=osp.join(data_dir, 'videos'),
                out=str(tmp_path / 'feats'))


def run(tool, repo_root, setup, *extra):
    return tool.main([osp.join(repo_root, STOCK), setup['ckpt'], setup['out'], '--video-list',
                      setup['list'], '--video-root', setup['root'], '--clip-interval', '8',
                      *extra])


def test_clip_feature_extraction(repo_root, setup, capsys):
    tool = load_script('tools/misc/clip_feature_extraction.py')
    meta = run(tool, repo_root, setup)
    saved = json.load(open(osp.join(setup['out'], 'meta.json')))
    assert saved == meta
    # TSN test pipeline: 3 frames per clip (its SampleFrames num_clips), centres every 8
    assert (meta['clip_len'], meta['frame_interval'], meta['clip_interval']) == (3, 1, 8)
    assert meta['feature_dim'] == 512
    # part_0: 32 frames -> centres 4, 12, 20, 28; test.avi: 164 frames -> 4, ..., 156: 20
    for name, clips, frames in (('part_0', 4, 32), ('test', 20, 164)):
        feats = np.load(osp.join(setup['out'], f'{name}.npy'))
        assert feats.shape == (clips, 512) and feats.dtype == np.float32
        assert meta['videos'][name]['num_clips'] == clips
        assert meta['videos'][name]['total_frames'] == frames
    assert not np.allclose(feats[0], feats[-1])  # clips of different content differ
    # a second run skips what is there; --overwrite recomputes the same numbers
    capsys.readouterr()
    run(tool, repo_root, setup)
    assert 'clips x' not in capsys.readouterr().out
    run(tool, repo_root, setup, '--overwrite')
    assert np.allclose(np.load(osp.join(setup['out'], 'test.npy')), feats, atol=1e-5)
    # another layout into the same folder is refused
    with pytest.raises(ValueError, match='another clip layout'):
        run(tool, repo_root, setup, '--frame-interval', '2')


def test_clip_feature_extraction_bad_inputs(repo_root, setup, tmp_path):
    tool = load_script('tools/misc/clip_feature_extraction.py')
    bad = tmp_path / 'bad.txt'
    bad.write_text('a.mp4 1\nb c d\n')
    with pytest.raises(ValueError, match='bad.txt, line 2'):
        tool.read_videos(str(bad))
    bad.write_text('a.mp4\na.avi\n')
    with pytest.raises(ValueError, match='appear twice'):
        tool.read_videos(str(bad))
    bad.write_text('\n')
    with pytest.raises(ValueError, match='names no video'):
        tool.read_videos(str(bad))
    with pytest.raises(SystemExit):
        run(tool, repo_root, setup, '--clip-len', '0')
    setup = dict(setup, list=str(tmp_path / 'missing.txt'))
    with pytest.raises(FileNotFoundError, match='missing.txt does not exist'):
        run(tool, repo_root, setup)
