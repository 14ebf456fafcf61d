"""The compiled parts of the stack work (mmcv ops, decord). Versions and imports are checked
by tools/setup_env.sh."""
import os.path as osp

import decord
import numpy as np
import torch


def test_mmcv_compiled_ops_run_on_cpu():
    from mmcv.ops import RoIAlign, nms
    boxes = torch.tensor([[0., 0., 10., 10.], [1., 1., 10., 10.], [20., 20., 30., 30.]])
    scores = torch.tensor([0.9, 0.8, 0.7])
    _, keep = nms(boxes, scores, iou_threshold=0.5)
    assert keep.tolist() == [0, 2]
    feats = torch.arange(16.).view(1, 1, 4, 4)
    out = RoIAlign((2, 2), spatial_scale=1.0, sampling_ratio=1)(
        feats, torch.tensor([[0., 0., 0., 4., 4.]]))
    assert out.shape == (1, 1, 2, 2)


def test_decord_decodes_project_copy_of_test_mp4(data_dir):
    reader = decord.VideoReader(osp.join(data_dir, 'videos', 'test.mp4'))
    assert len(reader) == 300
    frames = reader.get_batch([0, 150, 299]).asnumpy()
    assert frames.shape == (3, 256, 340, 3) and frames.dtype == np.uint8
    assert frames.std() > 10  # real content, not a blank stream


