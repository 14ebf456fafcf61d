"""tools/data/extract_pseudo_labels.py with a random-init Recognizer2D and a saved checkpoint,
and LoadAspectLabels reading its output in a video pipeline."""
import os.path as osp

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS, TRANSFORMS
from mmengine.config import Config
from mmengine.dataset import Compose

from mmdebias.datasets.pseudo_labels import load_pseudo_labels, save_pseudo_labels
from tests.scripts import load_script

CFG = '''
model = dict(
    type='Recognizer2D',
    backbone=dict(type='ResNet', depth=18, pretrained=None),
    cls_head=dict(type='TSNHead', num_classes=5, in_channels=512, spatial_type='avg',
                  consensus=dict(type='AvgConsensus', dim=1), dropout_ratio=0.0),
    data_preprocessor=dict(type='ActionDataPreprocessor', mean=[123.675, 116.28, 103.53],
                           std=[58.395, 57.12, 57.375], format_shape='NCHW'))
'''


@pytest.fixture(scope='module')
def tool():
    return load_script('tools/data/extract_pseudo_labels.py', register=True)


def _setup(tmp_path, data_dir, bias_class=None):
    cfg_path = tmp_path / 'frame_cls.py'
    cfg_path.write_text(CFG)
    torch.manual_seed(0)
    model = MODELS.build(Config.fromfile(str(cfg_path)).model)
    if bias_class is not None:  # a checkpoint whose classifier always says `bias_class`
        with torch.no_grad():
            model.cls_head.fc_cls.weight.zero_()
            model.cls_head.fc_cls.bias.fill_(-20.0)[bias_class] = 20.0
    ckpt = tmp_path / 'cls.pth'
    torch.save({'state_dict': model.state_dict()}, ckpt)
    lst = tmp_path / 'list.txt'
    lst.write_text('part_0.mp4 0\ntest.avi 1\n')
    return str(cfg_path), str(ckpt), str(lst), osp.join(data_dir, 'videos')


def test_probabilities_per_video_and_checkpoint_is_used(tool, tmp_path, data_dir):
    cfg, ckpt, lst, root = _setup(tmp_path, data_dir)
    out = tmp_path / 'scene.npz'
    args = [lst, cfg, ckpt, '--out', str(out), '--data-root', root, '--num-frames', '3',
            '--short-side', '64', '--crop-size', '56']
    assert tool.main(args) == 0
    labels = load_pseudo_labels(str(out))
    assert labels['videos'].tolist() == ['part_0.mp4', 'test.avi']
    assert labels['probs'].shape == (2, 5)
    np.testing.assert_allclose(labels['probs'].sum(1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(labels['top1'], labels['probs'].argmax(1))
    # a different checkpoint gives (almost) one-hot labels on its class
    cfg, ckpt, lst, root = _setup(tmp_path, data_dir, bias_class=3)
    assert tool.main(args) == 0
    labels = load_pseudo_labels(str(out))
    assert labels['top1'].tolist() == [3, 3] and (labels['probs'][:, 3] > 0.99).all()


def test_unsupported_model_types_fail_clearly(tool, tmp_path, data_dir):
    assert torch.is_grad_enabled()  # the tool must not switch autograd off globally
    cfg, ckpt, lst, root = _setup(tmp_path, data_dir)
    bad = tmp_path / 'img_cls.py'
    bad.write_text("model = dict(type='ImageClassifier', backbone=dict(type='ResNet'))\n")
    with pytest.raises(SystemExit, match='mmpretrain is not installed'):
        tool.main([lst, str(bad), ckpt, '--out', str(tmp_path / 'x.npz')])
    with pytest.raises(SystemExit, match='does not exist'):
        tool.main([lst, cfg, str(tmp_path / 'nope.pth'), '--out', str(tmp_path / 'x.npz')])


def test_load_aspect_labels_in_a_pipeline(tmp_path, data_dir):
    out = str(tmp_path / 'scene.npz')
    probs = np.array([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]], dtype=np.float32)
    save_pseudo_labels(out, ['part_0.mp4', 'test.avi'], probs, ['a', 'b', 'c'])
    pipeline = Compose([
        dict(type='LoadAspectLabels', label_file=out),
        dict(type='DecordInit'),
        dict(type='SampleFrames', clip_len=1, frame_interval=1, num_clips=2),
        dict(type='DecordDecode'),
        dict(type='FormatShape', input_format='NCHW'),
        dict(type='PackActionInputs', algorithm_keys=('scene_label', )),
    ])
    video = osp.join(data_dir, 'videos', 'test.avi')
    packed = pipeline(dict(filename=video, label=0, start_index=0, modality='RGB'))
    np.testing.assert_array_equal(packed['data_samples'].scene_label, probs[1])
    top1 = TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=out, label_format='top1'))
    np.testing.assert_array_equal(top1(dict(filename=video))['scene_label'], [1, 0, 0])
    missing = dict(filename=osp.join(data_dir, 'videos', 'demo.mp4'))
    with pytest.raises(KeyError, match=r"demo\.mp4 \(key 'demo\.mp4'\).*allow_missing=True"):
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=out))(missing)
    marked = TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=out,
                                   allow_missing=True))(missing)
    assert marked['scene_label'] == -1
    with pytest.raises(FileNotFoundError, match='extract_pseudo_labels'):
        TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=out + 'x'))(missing)
