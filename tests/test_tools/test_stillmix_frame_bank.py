"""tools/data/stillmix_frame_bank.py on the test videos: trains a tiny 2D reference network,
scores frames with a progress bar, writes the bank, resumes an interrupted run."""
import os.path as osp

import numpy as np
import pytest
import torch

from mmdebias.models import StillMixBlending, load_frame_bank
from tests.scripts import load_script

REF_CFG = '''
default_scope = 'mmaction'
custom_imports = dict(imports=['mmdebias'], allow_failed_imports=False)
model = dict(
    type='Recognizer2D',
    backbone=dict(type='ResNet', depth=18, pretrained=None, norm_eval=False),
    cls_head=dict(type='TSNHead', num_classes=2, in_channels=512, spatial_type='avg',
                  consensus=dict(type='AvgConsensus', dim=1), dropout_ratio=0.0),
    data_preprocessor=dict(type='ActionDataPreprocessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], format_shape='NCHW'))
train_dataloader = dict(
    batch_size=2, num_workers=0, sampler=dict(type='DefaultSampler', shuffle=True),
    dataset=dict(type='VideoDataset', ann_file='{videos}/tiny_train_list.txt',
                 data_prefix=dict(video='{videos}'), pipeline=[
                     dict(type='DecordInit'),
                     dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=1),
                     dict(type='DecordDecode'),
                     dict(type='Resize', scale=(32, 32), keep_ratio=False),
                     dict(type='FormatShape', input_format='NCHW'),
                     dict(type='PackActionInputs')]))
train_cfg = dict(type='EpochBasedTrainLoop', max_epochs=1)
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.01, momentum=0.9))
default_hooks = dict(checkpoint=dict(type='CheckpointHook', interval=1),
                     logger=dict(type='LoggerHook', interval=1))
randomness = dict(seed=0)
log_level = 'WARNING'
'''
# 4 videos (300, 280, 164, 32 frames) scored every 25th frame: 12 + 12 + 7 + 2 = 33 frames
ARGS = ['--frame-stride', '25', '--short-side', '32', '--crop-size', '32', '--bank-size', '8',
        '--save-every', '1']


@pytest.fixture(scope='module')
def tool():
    return load_script('tools/data/stillmix_frame_bank.py')


@pytest.fixture
def ref_cfg(tmp_path, data_dir):
    path = tmp_path / 'ref.py'
    path.write_text(REF_CFG.replace('{videos}', osp.join(data_dir, 'videos')))
    return str(path)


def test_trains_scores_resumes_and_writes_the_bank(tool, ref_cfg, tmp_path, capsys,
                                                   monkeypatch):
    work, out = str(tmp_path / 'work'), str(tmp_path / 'bank.npz')
    real_probs, calls = tool.frame_probs, []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the run is killed while scoring the third video
        return real_probs(*args, **kwargs)

    monkeypatch.setattr(tool, 'frame_probs', interrupted)
    with pytest.raises(KeyboardInterrupt):
        tool.main([ref_cfg, '--work-dir', work, '--out', out] + ARGS)
    assert osp.isfile(osp.join(work, 'reference', 'done.json'))
    assert len(list((tmp_path / 'work' / 'scores').glob('part_*.npz'))) == 2
    assert not osp.exists(out)

    # rerun: no retraining, only the two remaining videos are scored
    calls.clear()
    monkeypatch.setattr(tool, 'frame_probs', lambda *a, **k: (calls.append(1), real_probs(
        *a, **k))[1])
    capsys.readouterr()
    assert tool.main([ref_cfg, '--work-dir', work, '--out', out] + ARGS) == 0
    printed = capsys.readouterr().out
    assert 'already trained' in printed and 'scoring 2 videos (2 already scored)' in printed
    assert '2/2' in printed  # the progress bar
    assert len(calls) == 2

    bank = load_frame_bank(out)
    assert bank['frames'].shape == (8, 32, 32, 3) and bank['frames'].dtype == np.uint8
    labels = {'test.mp4': 0, 'demo.mp4': 1, 'test.avi': 0, 'part_0.mp4': 1}
    assert [labels[v] for v in bank['videos']] == bank['labels'].tolist()
    assert (bank['frame_inds'] % 25 == 0).all()
    # the kept slice is the upper half of the top-1 confidence ranking
    scores = tool.load_scores(osp.join(work, 'scores'))
    assert len(scores['p_top1']) == 33
    assert bank['scores'].min() >= np.median(scores['p_top1']) - 1e-6

    # the same bank from a fresh run that takes the trained checkpoint
    with open(osp.join(work, 'reference', 'last_checkpoint')) as f:
        ckpt = f.read().strip()
    out2 = str(tmp_path / 'bank2.npz')
    assert tool.main([ref_cfg, '--ref-checkpoint', ckpt, '--work-dir', str(tmp_path / 'w2'),
                      '--out', out2] + ARGS) == 0
    bank2 = load_frame_bank(out2)
    for key in ('frames', 'labels', 'videos', 'frame_inds'):
        np.testing.assert_array_equal(bank[key], bank2[key])
    np.testing.assert_allclose(bank['scores'], bank2['scores'], rtol=1e-5)

    # the bank in StillMix: frames normalised with the preprocessor's statistics
    blend = StillMixBlending(prob=1.0, bank_file=out, mean=[123.675, 116.28, 103.53],
                             std=[58.395, 57.12, 57.375])
    mixed, _ = blend(torch.zeros(2, 1, 3, 4, 32, 32), [None, None])
    assert mixed.abs().max() > 0


def test_bad_inputs(tool, ref_cfg, tmp_path):
    bad = tmp_path / 'r3d.py'
    bad.write_text("model = dict(type='Recognizer3D')\n")
    with pytest.raises(SystemExit, match='Recognizer2D'):
        tool.main([str(bad), '--work-dir', str(tmp_path / 'w'), '--out', 'x.npz'])
    with pytest.raises(SystemExit):
        tool.main([ref_cfg, '--work-dir', 'w', '--out', 'x.npz', '--quantile', '0.9', '0.5'])
    with pytest.raises(SystemExit, match='does not exist'):
        tool.main([ref_cfg, '--work-dir', str(tmp_path / 'w'), '--out', 'x.npz',
                   '--ref-checkpoint', str(tmp_path / 'none.pth')])
    # a work dir holding the scores of another video list
    other = tmp_path / 'list.txt'
    other.write_text('test.mp4 0\n')
    scores = tmp_path / 'w3' / 'scores'
    scores.mkdir(parents=True)
    (scores / 'videos.json').write_text('["demo.mp4"]')
    with pytest.raises(SystemExit, match='another video list'):
        tool.score_dir_state(str(scores), ['test.mp4'])
