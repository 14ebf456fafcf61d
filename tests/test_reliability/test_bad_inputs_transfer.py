"""Bad inputs for the transfer tools: the stock export (mmdebias.apis.stock_export and
tools/model_converters/export_stock_checkpoint.py), penultimate features and the clip export
(mmdebias.apis.features, tools/misc/clip_feature_extraction.py), the linear probe
(mmdebias.evaluation.functional.linear_probe, tools/analysis/linear_probe.py) and
tools/analysis/mean_over_splits.py.

Every case ends in a clear error (naming the file / key / value and the fix) or a documented
correct result; see :mod:`tests.test_reliability.campaign`."""
import json
from pathlib import Path

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS
from mmaction.structures import ActionDataSample

from mmdebias.apis import (ClipFeatureExtractor, build_feature_model, dataset_features,
                           export_stock_checkpoint, load_feature_weights, stock_model_config,
                           stock_state_dict, view_features)
from mmdebias.evaluation.functional import fit_linear_probe, linear_probe_top1
from tests.conformance import SLOWONLY_R18, TSN_R18, recognizer_cfg
from tests.scripts import load_script
from tests.test_reliability import media
from tests.test_reliability.campaign import Case, assert_case, ids

CASES = []
ROOT = str(Path(__file__).resolve().parents[2])
SE, FE, LP, TL = 'stock_export', 'features', 'linear_probe', 'transfer tools'
ALBAR_TSN = dict(recognizer_cfg(TSN_R18), cls_head=dict(type='ALBARHead', head=TSN_R18['cls_head']),
                 data_preprocessor=dict(TSN_R18['data_preprocessor'], type='StaticClipSampler'))
PIPELINE = [dict(type='DecordInit'), dict(type='SampleFrames', clip_len=1, num_clips=3,
                                          test_mode=True),
            dict(type='DecordDecode'), dict(type='Resize', scale=(-1, 36)),
            dict(type='CenterCrop', crop_size=32), dict(type='FormatShape', input_format='NCHW'),
            dict(type='PackActionInputs')]


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


def tsn():
    return build_feature_model(recognizer_cfg(TSN_R18), None)


def albar_state():
    return MODELS.build(ALBAR_TSN).state_dict()


def sample(label):
    return ActionDataSample().set_gt_label(label)


# ----------------------------------------------------------------------- stock export
case('export_not_tensors', SE,
     lambda tmp: export_stock_checkpoint(dict(state_dict={'a': [1]}), ALBAR_TSN, source='x.pth'),
     raises=ValueError, match=['x.pth', 'no state dict of tensors'])
case('export_empty_state_dict', SE,
     lambda tmp: export_stock_checkpoint(dict(state_dict={}), ALBAR_TSN, source='e.pth'),
     raises=ValueError, match=['e.pth', 'no state dict'])
case('export_other_architecture', SE,
     lambda tmp: export_stock_checkpoint(dict(state_dict=albar_state()),
                                         recognizer_cfg(SLOWONLY_R18)),
     raises=RuntimeError, match=['do not fit the stock model', 'backbone.conv1',
                                 'the config the checkpoint was trained with'])
case('export_both_head_forms', SE,
     lambda tmp: stock_state_dict(dict(albar_state(), **{
         'cls_head.head.fc_cls.weight': torch.zeros(4, 512)}), ALBAR_TSN),
     raises=ValueError, match=['cls_head.head.fc_cls.weight', 'both the wrapped and the stock'])
case('export_saar_neck', SE,
     lambda tmp: stock_model_config(dict(recognizer_cfg(SLOWONLY_R18),
                                         neck=dict(type='SAARNeck', in_channels=512))),
     raises=ValueError, match=['SAARNeck', 're-weights', '--backbone-only'])
case('export_wrapper_without_head', SE,
     lambda tmp: stock_model_config(dict(recognizer_cfg(TSN_R18),
                                         cls_head=dict(type='DebiasHead'))),
     raises=ValueError, match=['model.cls_head', 'DebiasHead', 'no stock head'])
case('export_mmdebias_part_elsewhere', SE,
     lambda tmp: stock_model_config(dict(recognizer_cfg(TSN_R18),
                                         backbone=dict(type='FrameExpert', num_classes=4))),
     raises=ValueError, match=['model.backbone', 'FrameExpert', 'no stock equivalent'])
case('export_model_cfg_not_dict', SE, lambda tmp: stock_model_config(None),
     raises=TypeError, match=['model config dict'])
case('export_ddp_prefix', SE,
     lambda tmp: sorted(stock_state_dict({'module.' + k: v for k, v in albar_state().items()},
                                         ALBAR_TSN)[0]) == sorted(albar_state()),
     check=lambda same: same is True)


def export_tool(argv):
    return load_script('tools/model_converters/export_stock_checkpoint.py').main(argv)


case('export_tool_out_not_pth', TL,
     lambda tmp: export_tool(['c.py', 'c.pth', str(tmp / 'o.ckpt')]),
     raises=SystemExit, match=['OUT', '.pth', 'o.ckpt'])
case('export_tool_missing_checkpoint', TL,
     lambda tmp: export_tool([f'{ROOT}/configs/albar/albar_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py',
                              str(tmp / 'gone.pth'), str(tmp / 'o.pth')]),
     raises=FileNotFoundError, match=['gone.pth', 'does not exist'])

# ----------------------------------------------------------------------- features
case('features_wrong_rank_3d', FE,
     lambda tmp: view_features(build_feature_model(recognizer_cfg(SLOWONLY_R18), None),
                               torch.zeros(1, 3, 4, 32, 32)),
     raises=ValueError, match=['NCTHW', '[N, V, C, T, H, W]', '(1, 3, 4, 32, 32)'])
case('features_frames_per_view', FE,
     lambda tmp: view_features(tsn(), torch.zeros(1, 4, 3, 32, 32), frames_per_view=3),
     raises=ValueError, match=['4 frames', 'frames_per_view=3'])
case('features_nan_input', FE,
     lambda tmp: view_features(tsn(), torch.full((1, 3, 3, 32, 32), float('nan')), 3),
     raises=ValueError, match=['non-finite', 'checkpoint'])
case('features_empty_loader', FE, lambda tmp: dataset_features(tsn(), []),
     raises=ValueError, match=['no samples', 'empty annotation list'])
case('features_multi_label', FE,
     lambda tmp: dataset_features(tsn(), [dict(
         inputs=[torch.zeros(3, 3, 32, 32, dtype=torch.uint8)],
         data_samples=[ActionDataSample().set_gt_label(torch.tensor([0, 1]))])]),
     raises=ValueError, match=['2 values', 'one class index'])


def saved(tmp, obj):
    path = str(tmp / 'w.pth')
    torch.save(obj, path)
    return path


case('weights_not_a_state_dict', FE,
     lambda tmp: load_feature_weights(tsn(), saved(tmp, [1, 2])),
     raises=ValueError, match=['w.pth', 'no state dict'])
case('weights_other_backbone', FE,
     lambda tmp: load_feature_weights(tsn(), saved(tmp, dict(state_dict=MODELS.build(
         recognizer_cfg(SLOWONLY_R18)).state_dict()))),
     raises=RuntimeError, match=['w.pth', 'does not fit', 'shape mismatches',
                                 'export_stock_checkpoint'])
case('clips_no_sampler', FE,
     lambda tmp: ClipFeatureExtractor(tsn(), [dict(type='DecordInit')], 16),
     raises=ValueError, match=['one frame sampler', 'DecordInit'])
case('clips_interval_zero', FE, lambda tmp: ClipFeatureExtractor(tsn(), PIPELINE, 0),
     raises=ValueError, match=['clip_interval', '>= 1', '0'])
case('clips_video_too_short', FE,
     lambda tmp: ClipFeatureExtractor(tsn(), PIPELINE, 16)(
         media.write(tmp, 'short.mp4', media.frames(5))),
     raises=ValueError, match=['short.mp4', '5 frames', 'at most 9'])
case('clips_corrupt_video', FE,
     lambda tmp: ClipFeatureExtractor(tsn(), PIPELINE, 4)(media.corrupt_middle(tmp)),
     raises=OSError, match=['corrupt.mp4', 'Replace the file'])
case('clips_zero_byte_video', FE,
     lambda tmp: ClipFeatureExtractor(tsn(), PIPELINE, 4)(media.zero_byte(tmp)),
     raises=OSError, match=['zero.mp4'])

# ----------------------------------------------------------------------- linear probe
X = np.eye(6)
Y = np.arange(6) % 2
case('probe_one_class', LP, lambda tmp: fit_linear_probe(X, np.zeros(6, int)),
     raises=ValueError, match=['train set', 'only class(es) [0]', 'at least 2 classes'])
case('probe_test_dims', LP, lambda tmp: linear_probe_top1(X, Y, X[:, :4], Y),
     raises=ValueError, match=['4 dimensions', 'train features 6', 'same model'])
case('probe_nan_train', LP,
     lambda tmp: linear_probe_top1(np.where(np.eye(6) == 1, np.nan, 0)[:, :], Y, X, Y),
     raises=ValueError, match=['train set', 'non-finite', '[0, 1, 2, 3, 4, 5]'])
case('probe_rows_differ', LP, lambda tmp: linear_probe_top1(X, Y, X, Y[:5]),
     raises=ValueError, match=['test set', '6 feature rows', '5 labels'])
case('probe_unseen_test_class', LP, lambda tmp: linear_probe_top1(X, Y, X, Y + 2),
     check=lambda top1: top1 == 0.0)


def probe_tool(argv):
    return load_script('tools/analysis/linear_probe.py').main(argv)


case('probe_tool_missing_data_config', TL,
     lambda tmp: probe_tool([f'{ROOT}/configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py',
                             saved(tmp, dict(state_dict={})), '--data', str(tmp / 'd.py')]),
     raises=FileNotFoundError, match=['d.py', 'does not exist'])
case('probe_tool_views_per_batch_0', TL,
     lambda tmp: probe_tool(['c.py', 'c.pth', '--views-per-batch', '0']),
     raises=SystemExit, match=['--views-per-batch', '0'])


def clip_tool():
    return load_script('tools/misc/clip_feature_extraction.py')


def written(tmp, text, name='list.txt'):
    path = tmp / name
    path.write_text(text)
    return str(path)


case('clip_tool_list_three_fields', TL,
     lambda tmp: clip_tool().read_videos(written(tmp, 'a.mp4 0\nb.mp4 1 2\n')),
     raises=ValueError, match=['list.txt', 'line 2', 'filename label'])
case('clip_tool_list_name_collision', TL,
     lambda tmp: clip_tool().read_videos(written(tmp, 'x/a.mp4\nx/a.avi\n')),
     raises=ValueError, match=['x/a', 'appear twice'])
case('mean_over_splits_not_json', TL,
     lambda tmp: load_script('tools/analysis/mean_over_splits.py').main(
         [written(tmp, '{"acc/top1": 1}', 'a.json'), written(tmp, 'nope', 'b.json')]),
     raises=ValueError, match=['b.json', 'not JSON', 'tools/test.py --out'])
case('mean_over_splits_missing_metric', TL,
     lambda tmp: load_script('tools/analysis/mean_over_splits.py').main(
         [written(tmp, json.dumps({'acc/top1': 1}), 'a.json'),
          written(tmp, json.dumps({'acc/top5': 1}), 'b.json'), '--keys', 'acc/top1']),
     raises=KeyError, match=['b.json', 'acc/top1'])


@pytest.mark.parametrize('bad', CASES, ids=ids(CASES))
def test_bad_input(bad, tmp_path):
    assert_case(bad, tmp_path)
