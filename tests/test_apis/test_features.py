import os.path as osp

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmengine.runner import Runner

from mmdebias.apis import (ClipFeatureExtractor, batch_features, build_feature_model,
                           dataset_features, load_feature_weights, view_features)
from tests.conformance import SLOWONLY_R18, TSN_R18, recognizer_cfg

TEST_PIPELINE_3D = [
    dict(type='DecordInit'),
    dict(type='SampleFrames', clip_len=4, frame_interval=2, num_clips=2, test_mode=True),
    dict(type='DecordDecode'),
    dict(type='Resize', scale=(-1, 40)),
    dict(type='ThreeCrop', crop_size=32),
    dict(type='FormatShape', input_format='NCTHW'),
    dict(type='PackActionInputs')
]


def model_of(base, seed=0):
    torch.manual_seed(seed)
    return build_feature_model(recognizer_cfg(base), None)


def pooled(model, x):
    """Reference: backbone map averaged over everything but the batch."""
    with torch.no_grad():
        return model.backbone(x).flatten(2).mean(2)


def test_view_features_3d_one_per_view():
    model = model_of(SLOWONLY_R18)
    inputs = torch.randn(2, 3, 3, 4, 32, 32)  # 2 samples x 3 views
    feats = view_features(model, inputs)
    assert feats.shape == (2, 3, 512)
    assert torch.allclose(feats[1, 2], pooled(model, inputs[1, 2:3])[0], atol=1e-5)
    # chunked forward passes give the same features
    assert torch.allclose(view_features(model, inputs, views_per_batch=2), feats, atol=1e-5)


def test_view_features_2d_groups_frames():
    model = model_of(TSN_R18)
    inputs = torch.randn(1, 6, 3, 32, 32)  # 6 frames = 2 views of 3 segments
    feats = view_features(model, inputs, frames_per_view=3)
    assert feats.shape == (1, 2, 512)
    assert torch.allclose(feats[0, 1], pooled(model, inputs[0, 3:]).mean(0), atol=1e-5)
    with pytest.raises(ValueError, match='frames_per_view=4'):
        view_features(model, inputs, frames_per_view=4)


def test_non_finite_features_are_an_error():
    model = model_of(TSN_R18)
    with pytest.raises(ValueError, match='non-finite'):
        view_features(model, torch.full((1, 3, 3, 32, 32), float('nan')), frames_per_view=3)


def test_dataset_features_of_real_videos(data_dir):
    model = model_of(TSN_R18)
    root = osp.join(data_dir, 'videos')
    loader = Runner.build_dataloader(dict(
        batch_size=3, num_workers=0, sampler=dict(type='DefaultSampler', shuffle=False),
        dataset=dict(type='VideoDataset', ann_file=osp.join(root, 'tiny_train_list.txt'),
                     data_prefix=dict(video=root), test_mode=True, pipeline=[
                         dict(type='DecordInit'),
                         dict(type='SampleFrames', clip_len=1, num_clips=3, test_mode=True),
                         dict(type='DecordDecode'), dict(type='Resize', scale=(-1, 36)),
                         dict(type='CenterCrop', crop_size=32),
                         dict(type='FormatShape', input_format='NCHW'),
                         dict(type='PackActionInputs')])))
    feats, labels = dataset_features(model, loader)
    assert feats.shape == (4, 512) and feats.dtype == np.float64
    assert labels.tolist() == [0, 1, 0, 1]
    # batch 3 + batch 1 gives the per-video features of one batch of all four
    batch = next(iter(Runner.build_dataloader(dict(loader_cfg(loader), batch_size=4))))
    x, _ = batch_features(model, batch)
    assert np.allclose(x.mean(1).numpy(), feats, atol=1e-5)


def loader_cfg(loader):
    return dict(batch_size=loader.batch_size, num_workers=0,
                sampler=dict(type='DefaultSampler', shuffle=False), dataset=loader.dataset)


def test_load_feature_weights(tmp_path):
    source = model_of(TSN_R18, seed=1)
    state = {k: v for k, v in source.state_dict().items() if not k.startswith('cls_head.')}
    path = str(tmp_path / 'backbone.pth')
    torch.save(dict(state_dict=state), path)
    model = model_of(TSN_R18, seed=2)
    skipped = load_feature_weights(model, path)  # the head is not needed
    assert skipped == ['cls_head.fc_cls.weight', 'cls_head.fc_cls.bias']
    assert torch.equal(model.backbone.conv1.conv.weight, source.backbone.conv1.conv.weight)
    # a head of another shape is left alone
    other = recognizer_cfg(TSN_R18)
    other['cls_head']['num_classes'] = 7
    torch.save(dict(state_dict=source.state_dict()), path)
    assert load_feature_weights(build_feature_model(other, None), path) == \
        ['cls_head.fc_cls.weight', 'cls_head.fc_cls.bias']
    # a backbone key missing or one too many is an error naming it
    del state['backbone.conv1.conv.weight']
    state['backbone.extra'] = torch.zeros(1)
    torch.save(dict(state_dict=state), path)
    with pytest.raises(RuntimeError, match=r"backbone\.conv1\.conv\.weight.*backbone\.extra"):
        load_feature_weights(model, path)


def test_clip_features_layout_and_chunking(data_dir):
    model = model_of(SLOWONLY_R18)
    video = osp.join(data_dir, 'videos', 'part_0.mp4')  # 32 frames
    extractor = ClipFeatureExtractor(model, TEST_PIPELINE_3D, clip_interval=6,
                                     clips_per_batch=2)
    feats, info = extractor(video)
    # centres 3, 9, 15, 21, 27: ceil((32 - 3) / 6) = 5 clips; ThreeCrop -> one centre crop
    assert feats.shape == (5, 512) and feats.dtype == np.float32
    assert info == dict(total_frames=32, fps=pytest.approx(30.0, abs=0.1), num_clips=5)
    assert (extractor.clip_len, extractor.frame_interval) == (4, 2)  # the sampler's
    whole, _ = ClipFeatureExtractor(model, TEST_PIPELINE_3D, 6, clips_per_batch=32)(video)
    assert np.allclose(feats, whole, atol=1e-5)
    # clip 1 = frames 9 + 2 * (j - 2), j < 4 = 5, 7, 9, 11, through the same transforms
    from mmaction.registry import TRANSFORMS
    from mmcv.transforms import Compose
    load = Compose([TRANSFORMS.build(t) for t in [
        dict(type='DecordInit'), dict(type='DecordDecode'), dict(type='Resize', scale=(-1, 40)),
        dict(type='CenterCrop', crop_size=32), dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs')]][:1])
    results = load(dict(filename=video, start_index=0, modality='RGB'))
    results.update(frame_inds=np.array([5, 7, 9, 11]), clip_len=4, num_clips=1)
    rest = Compose([TRANSFORMS.build(t) for t in [
        dict(type='DecordDecode'), dict(type='Resize', scale=(-1, 40)),
        dict(type='CenterCrop', crop_size=32), dict(type='FormatShape', input_format='NCTHW'),
        dict(type='PackActionInputs')]])
    packed = rest(results)
    x, _ = batch_features(model, dict(inputs=[packed['inputs']],
                                      data_samples=[packed['data_samples']]))
    assert np.allclose(feats[1], x[0, 0].numpy(), atol=1e-5)


def test_clip_features_2d_and_bad_pipelines(data_dir):
    model = model_of(TSN_R18)
    pipeline = [dict(type='DecordInit'),
                dict(type='SampleFrames', clip_len=1, num_clips=3, test_mode=True),
                dict(type='DecordDecode'), dict(type='Resize', scale=(-1, 36)),
                dict(type='CenterCrop', crop_size=32),
                dict(type='FormatShape', input_format='NCHW'), dict(type='PackActionInputs')]
    extractor = ClipFeatureExtractor(model, pipeline, clip_interval=16)
    feats, info = extractor(osp.join(data_dir, 'videos', 'part_0.mp4'))
    assert extractor.clip_len == 3 and feats.shape == (2, 512) and info['num_clips'] == 2
    with pytest.raises(ValueError, match='one frame sampler'):
        ClipFeatureExtractor(model, [dict(type='DecordInit')], clip_interval=16)
    with pytest.raises(ValueError, match='clip_interval must be an int >= 1'):
        ClipFeatureExtractor(model, pipeline, clip_interval=0)
    with pytest.raises(FileNotFoundError):
        extractor(osp.join(data_dir, 'videos', 'missing.mp4'))
    # part_0 has 32 frames: the first centre of a 66-frame stride (33) is outside it
    with pytest.raises(ValueError, match='part_0.mp4 has 32 frames.*at most 63'):
        ClipFeatureExtractor(model, pipeline, clip_interval=66)(
            osp.join(data_dir, 'videos', 'part_0.mp4'))
    _, info = ClipFeatureExtractor(model, pipeline, clip_interval=63)(
        osp.join(data_dir, 'videos', 'part_0.mp4'))
    assert info['num_clips'] == 1


def test_build_feature_model_keeps_init_without_checkpoint():
    model = build_feature_model(recognizer_cfg(TSN_R18), None)
    assert not model.training and isinstance(model, MODELS.get('Recognizer2D'))
