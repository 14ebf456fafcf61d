"""Bad inputs for the components added or reshaped last: AspectAdversary /
MultiLabelAspectAdversary, MaskConfusionObjective, KLDivergenceLoss, LoadAspectLabels'
``multi_hot`` format, FrameLoader, atomic_write, the person-detector registry, the
``mmdebias`` registry scope and config scheme, and DebiasHead's objective list.

Every case ends in a clear error (naming the file / key / value and the fix) or a
documented correct result; see :mod:`tests.test_reliability.campaign`."""
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from mmaction.registry import MODELS, TRANSFORMS
from mmaction.structures import ActionDataSample

from tests.conformance import TSN_R18, recognizer_cfg
from tests.test_reliability import media
from tests.test_reliability.campaign import Case, assert_case, ids

CASES = []
NAN, INF = float('nan'), float('inf')


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


def zero_but_connected(loss):
    return float(loss) == 0.0 and loss.requires_grad


# ----------------------------------------------------------------------- AspectAdversary
AA = 'AspectAdversary'
MLA = 'MultiLabelAspectAdversary'


def adversary(type=AA, **kwargs):
    cfg = dict(type=type, name='scene', num_classes=4, in_channels=6, num_hidden_layers=0)
    cfg.update(kwargs)
    return MODELS.build(cfg)


def samples(labels, key='scene_label'):
    out = []
    for i, label in enumerate(labels):
        s = ActionDataSample().set_gt_label(0)
        s.set_metainfo(dict(filename=f'clip{i}.mp4'))
        if label is not ...:
            s.set_field(label, key)
        out.append(s)
    return out


def aspect_loss(labels, type=AA, keep=None, **kwargs):
    torch.manual_seed(0)
    adv = adversary(type, **kwargs)
    return adv.loss(torch.randn(len(labels), 6), samples(labels), keep=keep)


P = torch.tensor([0.1, 0.2, 0.3, 0.4])
TAGS = torch.tensor([1.0, 0.0, 1.0, 0.0])
LABEL = {AA: P, MLA: TAGS}  # a good label of each
for t in (AA, MLA):
    case(f'{t}_label_too_wide', t, lambda tmp, t=t: aspect_loss([torch.ones(5) / 5, LABEL[t]], t),
         raises=ValueError, match=['scene_label', '(5,)', 'length 4', 'clip0.mp4',
                                   'num_classes'])
    case(f'{t}_label_too_narrow', t, lambda tmp, t=t: aspect_loss([LABEL[t], torch.ones(3) / 3], t),
         raises=ValueError, match=['scene_label', '(3,)', 'length 4', 'clip1.mp4',
                                   'num_classes'])
    case(f'{t}_label_2d', t, lambda tmp, t=t: aspect_loss([LABEL[t][None], LABEL[t]], t),
         raises=ValueError, match=['scene_label', '(1, 4)', 'clip0.mp4'])
    case(f'{t}_class_index_label', t, lambda tmp, t=t: aspect_loss([2, LABEL[t]], t),
         raises=ValueError, match=['scene_label', 'shape ()', 'clip0.mp4', "'top1'"])
    case(f'{t}_string_label', t, lambda tmp, t=t: aspect_loss(['kitchen', LABEL[t]], t),
         raises=ValueError, match=['scene_label', 'clip0.mp4'])
    case(f'{t}_all_unlabelled', t, lambda tmp, t=t: aspect_loss([-1, -1, -1], t),
         check=lambda out: zero_but_connected(out['loss_scene']) and len(out) == 1)
    case(f'{t}_all_unlabelled_tensor_marker', t,
         lambda tmp, t=t: aspect_loss([torch.tensor(-1), np.int64(-1)], t),
         check=lambda out: zero_but_connected(out['loss_scene']))
    case(f'{t}_no_label_field', t, lambda tmp, t=t: aspect_loss([..., ...], t),
         check=lambda out: zero_but_connected(out['loss_scene']))
    case(f'{t}_keep_none', t,
         lambda tmp, t=t: aspect_loss([LABEL[t], LABEL[t]], t, keep=torch.zeros(2, dtype=torch.bool)),
         check=lambda out: zero_but_connected(out['loss_scene']))
    for name, value in [('nan', NAN), ('inf', INF), ('neg_inf', -INF)]:
        case(f'{t}_{name}_label', t,
             lambda tmp, t=t, v=value: aspect_loss(
                 [LABEL[t], torch.tensor([0.5, v, 0.25, 0.25])], t),
             raises=ValueError, match=['scene_label', 'non-finite', 'clip1.mp4', '-1'])
    case(f'{t}_negative_label', t,
         lambda tmp, t=t: aspect_loss([torch.tensor([-0.5, 0.5, 0.5, 0.5]), LABEL[t]], t),
         raises=ValueError, match=['scene_label', 'negative', 'clip0.mp4'])
    case(f'{t}_int_label_vector', t,
         lambda tmp, t=t: aspect_loss([np.array([0, 1, 0, 0]), -1], t),
         check=lambda out: math.isfinite(float(out['loss_scene'])))
    case(f'{t}_loss_as_string', t, lambda tmp, t=t: adversary(t, loss='CrossEntropyLoss'),
         raises=TypeError, match=['scene', 'loss', "'CrossEntropyLoss'", 'dict(type='])
    case(f'{t}_loss_empty_list', t, lambda tmp, t=t: adversary(t, loss=[]),
         raises=TypeError, match=['scene', 'loss', 'non-empty list'])
    case(f'{t}_loss_without_type', t, lambda tmp, t=t: adversary(t, loss=dict(loss_weight=1)),
         raises=TypeError, match=['scene', 'loss', 'dict(type='])
    case(f'{t}_loss_none', t, lambda tmp, t=t: adversary(t, loss=None),
         raises=TypeError, match=['scene', 'loss', 'None'])
    case(f'{t}_loss_list_with_string', t,
         lambda tmp, t=t: adversary(t, loss=[dict(type='CrossEntropyLoss'), 'KLDivergenceLoss']),
         raises=TypeError, match=['scene', 'loss', "'KLDivergenceLoss'"])
    case(f'{t}_loss_unknown_type', t, lambda tmp, t=t: adversary(t, loss=dict(type='NoLoss')),
         raises=KeyError, match=['NoLoss', 'registry'])
    case(f'{t}_loss_weight_nan', t, lambda tmp, t=t: adversary(t, loss_weight=NAN),
         raises=ValueError, match=['scene', 'loss_weight', 'nan'])
    case(f'{t}_finite_loss', t, lambda tmp, t=t: aspect_loss([LABEL[t], -1, LABEL[t]], t),
         check=lambda out: all(math.isfinite(float(v)) for v in out.values()))

case('AspectAdversary_soft_label_sums_to_2', AA,
     lambda tmp: aspect_loss([P * 2, P]), raises=ValueError,
     match=['scene_label', 'sum', 'clip0.mp4', 'MultiLabelAspectAdversary', "'probs'"])
case('AspectAdversary_soft_label_sums_to_half', AA,
     lambda tmp: aspect_loss([P, P / 2]), raises=ValueError,
     match=['scene_label', 'sum', 'clip1.mp4'])
case('AspectAdversary_multi_hot_label', AA,
     lambda tmp: aspect_loss([TAGS, P]), raises=ValueError,
     match=['scene_label', 'sum', 'clip0.mp4', 'MultiLabelAspectAdversary'])
case('AspectAdversary_soft_label_float_rounding', AA,
     lambda tmp: aspect_loss([torch.tensor([0.1, 0.2, 0.3, 0.4 + 1e-6]), P]),
     check=lambda out: math.isfinite(float(out['loss_scene'])))
case('AspectAdversary_all_zero_label', AA, lambda tmp: aspect_loss([torch.zeros(4), P]),
     raises=ValueError, match=['scene_label', 'all-zero', 'clip0.mp4', '-1'])
case('MultiLabelAspectAdversary_tag_above_1', MLA,
     lambda tmp: aspect_loss([torch.tensor([2.0, 0.0, 1.0, 0.0]), TAGS], MLA),
     raises=ValueError, match=['scene_label', '[0, 1]', 'clip0.mp4', "'multi_hot'"])
case('MultiLabelAspectAdversary_no_tags_is_a_label', MLA,
     lambda tmp: aspect_loss([torch.zeros(4), torch.zeros(4)], MLA),
     check=lambda out: math.isfinite(float(out['loss_scene'])) and float(out['loss_scene']) > 0)
case('MultiLabelAspectAdversary_soft_tags', MLA,
     lambda tmp: aspect_loss([torch.tensor([0.5, 0.0, 1.0, 0.25]), TAGS], MLA),
     check=lambda out: all(math.isfinite(float(v)) for v in out.values()))
case('MultiLabelAspectAdversary_hard_labels', MLA, lambda tmp: adversary(MLA, hard_labels=True),
     raises=ValueError, match=['hard_labels', 'AspectAdversary'])

# ----------------------------------------------------------------------- MaskConfusionObjective
MCO = 'MaskConfusionObjective'
I3D = dict(type='I3DHead', num_classes=4, in_channels=8, spatial_type='avg', dropout_ratio=0.0)


def confusion(flags, views=1, paired=None, feats=None, objectives_extra=(), **kwargs):
    torch.manual_seed(0)
    head = MODELS.build(dict(type='DebiasHead', head=I3D,
                             objectives=[dict(type=MCO, **kwargs), *objectives_extra]))
    out = []
    for i, flag in enumerate(flags):
        s = ActionDataSample().set_gt_label(i % 4)
        s.set_metainfo(dict(filename=f'clip{i}.mp4'))
        if flag is not ...:
            s.set_field(flag, 'human_masked')
        if (paired[i] if paired is not None else views > 1):
            s.set_field(True, 'human_mask_paired')
        out.append(s)
    feats = torch.randn(len(flags) * views, 8, 1, 2, 2) if feats is None else feats
    return head.loss(feats, out)


for mode in ('paper', 'released'):
    case(f'mask_confusion_{mode}_no_masked_clip', MCO,
         lambda tmp, m=mode: confusion([False, False], mode=m),
         check=lambda out: zero_but_connected(out['loss_mask_entropy'])
         and math.isfinite(float(out['loss_cls'])))
    case(f'mask_confusion_{mode}_all_masked', MCO,
         lambda tmp, m=mode: confusion([True, True], mode=m),
         check=lambda out: zero_but_connected(out['loss_cls'])
         and float(out['loss_mask_entropy']) < 0)
    case(f'mask_confusion_{mode}_paired_no_masked_view', MCO,
         lambda tmp, m=mode: confusion([False, False], views=2, mode=m),
         check=lambda out: zero_but_connected(out['loss_mask_entropy'])
         and float(out['loss_cls']) > 0)
    case(f'mask_confusion_{mode}_paired_finite', MCO,
         lambda tmp, m=mode: confusion([True, False], views=2, mode=m),
         check=lambda out: all(math.isfinite(float(v)) for v in out.values()))


def caught_warnings(run):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        out = run()
    return out, [str(w.message) for w in caught]


case('mask_confusion_flag_field_missing_in_batch', MCO,
     lambda tmp: caught_warnings(lambda: confusion([..., ...])),
     check=lambda r: zero_but_connected(r[0]['loss_mask_entropy']) and any(
         'human_masked' in w and 'algorithm_keys' in w for w in r[1]))
case('mask_confusion_flag_field_typo', MCO,
     lambda tmp: caught_warnings(lambda: confusion([True, False], mask_flag='human_mask')),
     check=lambda r: any("'human_mask'" in w and 'algorithm_keys' in w for w in r[1]))
case('mask_confusion_flag_partly_missing', MCO, lambda tmp: confusion([True, ...]),
     check=lambda out: float(out['loss_mask_entropy']) < 0)
case('mask_confusion_flag_none', MCO, lambda tmp: confusion([None, True]),
     check=lambda out: float(out['loss_mask_entropy']) < 0)
case('mask_confusion_flag_string', MCO, lambda tmp: confusion(['yes', False]),
     raises=ValueError, match=['data sample 0', 'human_masked', "'yes'", 'bool'])
case('mask_confusion_flag_vector', MCO, lambda tmp: confusion([np.array([True, False]), False]),
     raises=ValueError, match=['data sample 0', 'human_masked', 'bool'])
case('mask_confusion_flag_float', MCO, lambda tmp: confusion([0.5, False]),
     raises=ValueError, match=['data sample 0', 'human_masked', '0.5', 'bool'])
case('mask_confusion_mixed_pairing_flags', MCO,
     lambda tmp: confusion([True, False], views=2, paired=[True, False],
                           feats=torch.randn(4, 8, 1, 2, 2)),
     raises=ValueError, match=['1 of 2', 'human_mask_paired', "HumanMask(mode='pair')"])
case('mask_confusion_paired_flag_single_view_inputs', MCO,
     lambda tmp: confusion([True, False], views=2, feats=torch.randn(2, 8, 1, 2, 2)),
     raises=ValueError, match=['2 score rows', '2 view(s)', 'human_mask_paired',
                               "HumanMask(mode='pair')"])
case('mask_confusion_views_without_paired_flag', MCO,
     lambda tmp: confusion([True, False], feats=torch.randn(4, 8, 1, 2, 2)),
     raises=ValueError, match=['4 score rows', '1 view(s)', 'human_mask_paired'])
case('mask_confusion_mode_typo', MCO, lambda tmp: confusion([True], mode='papr'),
     raises=ValueError, match=['mode', "'papr'", 'released'])
case('mask_confusion_loss_weight_inf', MCO, lambda tmp: confusion([True], loss_weight=INF),
     raises=ValueError, match=['loss_weight', 'inf'])
case('mask_confusion_released_without_in_channels', MCO,
     lambda tmp: MODELS.build(dict(type=MCO, num_classes=4, mode='released')),
     raises=ValueError, match=["mode='released'", 'in_channels'])
case('mask_confusion_nan_features', MCO,
     lambda tmp: confusion([True, False], feats=torch.full((2, 8, 1, 2, 2), NAN)),
     raises=ValueError, match=['non-finite'])

# ----------------------------------------------------------------------- KLDivergenceLoss
KL = 'KLDivergenceLoss'


def kl(logits, target, **kwargs):
    return MODELS.build(dict(type=KL, **kwargs))(torch.as_tensor(logits, dtype=torch.float32),
                                                torch.as_tensor(target, dtype=torch.float32))


Z = [[0.0, 1.0, 2.0], [1.0, 0.0, -1.0]]
Q = [[0.2, 0.3, 0.5], [0.6, 0.2, 0.2]]
case('kl_shape_mismatch', KL, lambda tmp: kl(Z, [[0.5, 0.5], [0.5, 0.5]]), raises=ValueError,
     match=['KLDivergenceLoss', '(2, 3)', '(2, 2)'])
case('kl_class_index_target', KL, lambda tmp: kl(Z, [2, 0]), raises=ValueError,
     match=['KLDivergenceLoss', '(2, 3)', '(2,)', 'hard_labels'])
case('kl_1d_logits', KL, lambda tmp: kl([0.0, 1.0, 2.0], [0.2, 0.3, 0.5]), raises=ValueError,
     match=['KLDivergenceLoss', '(3,)'])
case('kl_negative_target', KL, lambda tmp: kl(Z, [[-0.2, 0.7, 0.5], Q[1]]), raises=ValueError,
     match=['KLDivergenceLoss', 'negative', 'row', '[0]'])
case('kl_target_not_normalised', KL, lambda tmp: kl(Z, [Q[0], [1.0, 1.0, 1.0]]),
     raises=ValueError, match=['KLDivergenceLoss', 'sum to 1', 'row', '[1]', "'probs'"])
case('kl_target_all_zero', KL, lambda tmp: kl(Z, [[0.0, 0.0, 0.0], Q[1]]), raises=ValueError,
     match=['KLDivergenceLoss', 'sum to 1', 'row', '[0]'])
case('kl_nan_target', KL, lambda tmp: kl(Z, [[NAN, 0.5, 0.5], Q[1]]), raises=ValueError,
     match=['KLDivergenceLoss', 'non-finite', 'row', '[0]'])
case('kl_nan_logits', KL, lambda tmp: kl([[NAN, 0.0, 0.0], Z[1]], Q), raises=ValueError,
     match=['KLDivergenceLoss', 'non-finite', 'row', '[0]'])
case('kl_one_hot_target_zeros', KL, lambda tmp: kl(Z, [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]),
     check=lambda v: math.isfinite(float(v)) and float(v) > 0)
case('kl_target_equals_prediction', KL,
     lambda tmp: kl(Z, torch.softmax(torch.tensor(Z), 1)),
     check=lambda v: abs(float(v)) < 1e-6)
case('kl_float_rounding_target', KL, lambda tmp: kl(Z, [[0.2, 0.3, 0.5 + 1e-6], Q[1]]),
     check=lambda v: math.isfinite(float(v)) and float(v) >= 0)
case('kl_huge_logits', KL, lambda tmp: kl([[1e4, -1e4, 0.0], Z[1]], Q),
     check=lambda v: math.isfinite(float(v)) and float(v) > 0)
case('kl_empty_batch', KL, lambda tmp: kl(torch.zeros(0, 3), torch.zeros(0, 3)),
     raises=ValueError, match=['KLDivergenceLoss', 'empty', '(0, 3)'])

# ----------------------------------------------------------------------- LoadAspectLabels
LAL = 'LoadAspectLabels (multi_hot)'


def tag_file(tmp, probs, videos=('a.mp4', 'b.mp4')):
    from mmdebias.datasets.pseudo_labels import save_pseudo_labels
    path = str(Path(tmp) / 'object tags.npz')
    save_pseudo_labels(path, list(videos), np.asarray(probs, np.float32))
    return path


def load_tags(tmp, probs, video='a.mp4', **kwargs):
    return TRANSFORMS.build(dict(type='LoadAspectLabels', label_file=tag_file(tmp, probs),
                                 key='object_label', label_format='multi_hot', **kwargs))(
        dict(filename=str(Path(tmp) / video)))['object_label']


def tags_to_adversary(tmp, probs, num_classes):
    label = load_tags(tmp, probs)
    adv = adversary(MLA, name='object', num_classes=num_classes)
    return adv.loss(torch.randn(2, 6), samples([label, -1], key='object_label'))


TAG_ROWS = [[1.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 0.0]]
case('multi_hot_row_as_is', LAL, lambda tmp: load_tags(tmp, TAG_ROWS).tolist(),
     check=lambda v: v == [1.0, 0.0, 1.0, 0.0])
case('multi_hot_no_tags_row', LAL, lambda tmp: load_tags(tmp, [[0, 0, 0, 0], TAG_ROWS[1]]),
     check=lambda v: v.dtype == np.float32 and not v.any())
case('multi_hot_soft_tags', LAL, lambda tmp: load_tags(tmp, [[0.5, 0, 0.25, 0], TAG_ROWS[1]]),
     check=lambda v: np.allclose(v, [0.5, 0, 0.25, 0]))
case('multi_hot_tag_above_1', LAL,
     lambda tmp: load_tags(tmp, [[2.0, 0, 1.0, 0], TAG_ROWS[1]]), raises=ValueError,
     match=['object tags.npz', '[0, 1]', 'a.mp4', "label_format='probs'"])
case('multi_hot_negative_tag', LAL,
     lambda tmp: load_tags(tmp, [[-1.0, 0, 1.0, 0], TAG_ROWS[1]]), raises=ValueError,
     match=['object tags.npz', 'negative', 'a.mp4'])
case('multi_hot_nan_tag', LAL,
     lambda tmp: load_tags(tmp, [[NAN, 0, 1.0, 0], TAG_ROWS[1]]), raises=ValueError,
     match=['object tags.npz', 'non-finite', 'a.mp4'])
case('multi_hot_format_typo', LAL,
     lambda tmp: TRANSFORMS.build(dict(type='LoadAspectLabels', label_file='x.npz',
                                       label_format='multihot')),
     raises=ValueError, match=['label_format', "'multihot'", 'multi_hot'])
case('multi_hot_file_wider_than_adversary', LAL,
     lambda tmp: tags_to_adversary(tmp, [r + [0.0] for r in TAG_ROWS], 4), raises=ValueError,
     match=['object_label', '(5,)', 'length 4', 'clip0.mp4', 'num_classes'])
case('multi_hot_file_narrower_than_adversary', LAL,
     lambda tmp: tags_to_adversary(tmp, [r[:3] for r in TAG_ROWS], 4), raises=ValueError,
     match=['object_label', '(3,)', 'length 4', 'clip0.mp4', 'num_classes'])
case('multi_hot_file_matches_adversary', LAL,
     lambda tmp: tags_to_adversary(tmp, TAG_ROWS, 4),
     check=lambda out: all(math.isfinite(float(v)) for v in out.values()))
case('multi_hot_missing_video_unlabelled', LAL,
     lambda tmp: load_tags(tmp, TAG_ROWS, video='zzz.mp4', allow_missing=True),
     check=lambda v: v == -1)

# ----------------------------------------------------------------------- FrameLoader
FL = 'FrameLoader'


def frame_loader_class():
    from mmdebias.preparation.frame_loader import FrameLoader
    return FrameLoader


def frame_loader(path, num_frames=4, **call):
    loader = frame_loader_class()(short_side=32, crop_size=32, num_frames=num_frames)
    return loader(path, **call)


def empty_video(tmp):
    """A container that OpenCV finished without a single frame."""
    import cv2
    path = str(Path(tmp) / 'empty.mp4')
    writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*'mp4v'), 25.0, (64, 64))
    writer.release()
    return path


case('frame_loader_missing_file', FL,
     lambda tmp: frame_loader(str(Path(tmp) / 'nope.mp4')), raises=FileNotFoundError,
     match=['nope.mp4', 'video list'], isolate=True)
case('frame_loader_zero_byte', FL, lambda tmp: frame_loader(media.zero_byte(tmp)),
     raises=OSError, match=['zero.mp4', 'Replace the file'], isolate=True)
case('frame_loader_garbage', FL, lambda tmp: frame_loader(media.garbage(tmp)),
     raises=OSError, match=['garbage.mp4', 'Replace the file'], isolate=True)
case('frame_loader_truncated', FL, lambda tmp: frame_loader(media.truncated(tmp)),
     raises=OSError, match=['truncated.mp4', 'Replace the file'], isolate=True)
case('frame_loader_corrupt_middle', FL,
     lambda tmp: frame_loader(media.corrupt_middle(tmp), num_frames=None, stride=1),
     raises=OSError, match=['corrupt.mp4', 'decode', 'Replace the file'], isolate=True)
case('frame_loader_zero_frames', FL, lambda tmp: frame_loader(empty_video(tmp)),
     raises=OSError, match=['empty.mp4', 'Replace the file'], isolate=True)
case('frame_loader_directory', FL,
     lambda tmp: frame_loader(str(Path(tmp))), raises=IsADirectoryError,
     match=['is a directory', 'video list'], isolate=True)
case('frame_loader_directory_with_extension', FL,
     lambda tmp: (Path(tmp, 'v.mp4').mkdir(), frame_loader(str(Path(tmp) / 'v.mp4')))[1],
     raises=IsADirectoryError, match=['v.mp4', 'is a directory'], isolate=True)
case('frame_loader_no_extension_reads_mp4', FL,
     lambda tmp: frame_loader(media.copy(tmp)[:-len('.mp4')]),
     check=lambda out: tuple(out[0].shape) == (4, 3, 32, 32), isolate=True)
case('frame_loader_parent_is_a_file', FL,
     lambda tmp: (Path(tmp, 'notes.txt').write_text('x'),
                  frame_loader(str(Path(tmp) / 'notes.txt' / 'clip.mp4')))[1],
     raises=OSError, match=['notes.txt/clip.mp4'], isolate=True)
case('frame_loader_frame_index_past_end', FL,
     lambda tmp: frame_loader(media.copy(tmp), num_frames=None, frame_inds=[0, 99]),
     raises=ValueError, match=['clip.mp4', '99', '32 frames'], isolate=True)
case('frame_loader_negative_frame_index', FL,
     lambda tmp: frame_loader(media.copy(tmp), num_frames=None, frame_inds=[-1]),
     raises=ValueError, match=['clip.mp4', '-1', '32 frames'], isolate=True)
case('frame_loader_stride_zero', FL,
     lambda tmp: frame_loader(media.copy(tmp), num_frames=None, stride=0),
     raises=ValueError, match=['stride', '0', '>= 1'], isolate=True)
case('frame_loader_empty_frame_inds', FL,
     lambda tmp: frame_loader(media.copy(tmp), num_frames=None, frame_inds=[]),
     raises=ValueError, match=['no frames', 'clip.mp4'], isolate=True)
case('frame_loader_two_samplings', FL,
     lambda tmp: frame_loader(media.copy(tmp), frame_inds=[0]),
     raises=ValueError, match=['exactly one of', 'num_frames', 'frame_inds'])
case('frame_loader_short_side_zero', FL,
     lambda tmp: frame_loader_class()(0, 32),
     raises=ValueError, match=['short_side', '>= 1', '0'])
case('frame_loader_good_video', FL, lambda tmp: frame_loader(media.copy(tmp)),
     check=lambda out: tuple(out[0].shape) == (4, 3, 32, 32) and out[1].tolist() == [4, 12,
                                                                                     20, 28],
     isolate=True)

# ----------------------------------------------------------------------- atomic_write
AW = 'atomic_write'


def write_text(path, text='new', as_str=True):
    from mmdebias.utils.atomic_write import atomic_write
    with atomic_write(str(path) if as_str else path) as tmp, open(tmp, 'w') as f:
        f.write(text)
    return Path(path).read_text()


def leftovers(tmp):
    return sorted(p.name for p in Path(tmp).rglob('*') if '.tmp' in p.name)


def directory_at_target(tmp):
    (Path(tmp) / 'out.json').mkdir()
    try:
        write_text(Path(tmp) / 'out.json')
    finally:
        assert leftovers(tmp) == [], leftovers(tmp)


def failing_writer(tmp):
    from mmdebias.utils.atomic_write import atomic_write
    target = Path(tmp) / 'out.json'
    target.write_text('old')
    try:
        with atomic_write(str(target)) as t, open(t, 'w') as f:
            f.write('partial')
            raise RuntimeError('writer failed')
    except RuntimeError:
        pass
    return target.read_text(), leftovers(tmp)


case('atomic_write_parent_is_a_file', AW,
     lambda tmp: (Path(tmp, 'file').write_text('x'), write_text(Path(tmp) / 'file' / 'o.json')),
     raises=OSError, match=['file/o.json', 'not a folder'])
case('atomic_write_directory_at_target', AW, directory_at_target, raises=IsADirectoryError,
     match=['out.json', 'is a folder', 'remove it'])
case('atomic_write_empty_path', AW, lambda tmp: write_text(''), raises=ValueError,
     match=['atomic_write', "''", 'file'])
case('atomic_write_failing_writer_keeps_old', AW, failing_writer,
     check=lambda r: r == ('old', []))
case('atomic_write_replaces', AW,
     lambda tmp: (Path(tmp, 'o.txt').write_text('old'), write_text(Path(tmp) / 'o.txt'),
                  leftovers(tmp))[1:],
     check=lambda r: r == ('new', []))
case('atomic_write_pathlib_path', AW, lambda tmp: write_text(Path(tmp) / 'p.txt', as_str=False),
     check=lambda r: r == 'new')
case('atomic_write_creates_folders', AW, lambda tmp: write_text(Path(tmp) / 'a' / 'b' / 'o.txt'),
     check=lambda r: r == 'new')


def no_file_written(tmp):
    from mmdebias.utils.atomic_write import atomic_write
    with atomic_write(str(Path(tmp) / 'o.npz')):
        pass


case('atomic_write_writer_wrote_nothing', AW, no_file_written, raises=FileNotFoundError,
     match=['o.npz', 'no file'])

# ----------------------------------------------------------------------- person detectors
PD = 'build_person_detector'


def detector(cfg):
    from mmdebias.datasets.person_detectors import build_person_detector
    return build_person_detector(cfg)


def mmdet_missing(tmp):
    """MMDetDetector where ``import mmdet.apis`` fails (as without MMDetection)."""
    cfg = Path(tmp) / 'det.py'
    cfg.write_text("model = dict(type='FasterRCNN', backbone=dict(type='ResNet'))\n")
    saved = {k: sys.modules[k] for k in list(sys.modules) if k == 'mmdet' or
             k.startswith('mmdet.')}
    for k in saved:
        del sys.modules[k]
    sys.modules['mmdet'] = None  # import mmdet... raises ImportError
    try:
        return detector(dict(type='mmdet', config=str(cfg)))
    finally:
        del sys.modules['mmdet']
        sys.modules.update(saved)


case('person_detector_unknown_name', PD, lambda tmp: detector(dict(type='yolo')),
     raises=ValueError, match=["'yolo'", 'hog', 'mmdet', 'PERSON_DETECTORS'])
case('person_detector_no_type', PD, lambda tmp: detector(dict(win_stride=8)),
     raises=ValueError, match=['None', 'hog'])
case('person_detector_name_as_string', PD, lambda tmp: detector('hog'), raises=TypeError,
     match=["'hog'", "dict(type='hog')"])
case('person_detector_unknown_argument', PD, lambda tmp: detector(dict(type='hog', stride=4)),
     raises=TypeError, match=["'stride'", 'HOGDetector'])
case('person_detector_mmdet_without_config', PD, lambda tmp: detector(dict(type='mmdet')),
     raises=ValueError, match=["type='mmdet'", 'config='])
case('person_detector_mmdet_missing_config_file', PD,
     lambda tmp: detector(dict(type='mmdet', config=str(Path(tmp) / 'nope.py'))),
     raises=FileNotFoundError, match=['nope.py'])
case('person_detector_mmdet_not_installed', PD, mmdet_missing, raises=ImportError,
     match=["type='mmdet'", 'MMDetection', 'pip install', "type='hog'"])
case('person_detector_hog_builds', PD, lambda tmp: type(detector(dict(type='hog'))).__name__,
     check=lambda name: name == 'HOGDetector')

# ----------------------------------------------------------------------- registry scope
REG = 'mmdebias registry / config scheme'


def build_in_scope(cfg):
    from mmengine.registry import DefaultScope

    from mmdebias.registry import MODELS as DEBIAS_MODELS
    with DefaultScope.overwrite_default_scope('mmdebias'):
        return DEBIAS_MODELS.build(cfg)


case('registry_unknown_type_mmdebias_scope', REG,
     lambda tmp: build_in_scope(dict(type='NoSuchHead')), raises=KeyError,
     match=['NoSuchHead', 'not in the mmdebias::model registry'])
case('registry_unknown_type_scope_key', REG,
     lambda tmp: MODELS.build(dict(type='NoSuchHead', _scope_='mmdebias')), raises=KeyError,
     match=['NoSuchHead', 'registry'])
case('registry_mmdebias_component_in_scope', REG,
     lambda tmp: type(build_in_scope(dict(type=KL))).__name__, check=lambda n: n == KL)
case('registry_mmaction_component_in_scope', REG,
     lambda tmp: type(build_in_scope(dict(type='CrossEntropyLoss'))).__name__,
     check=lambda n: n == 'CrossEntropyLoss')
case('registry_type_not_a_string', REG, lambda tmp: build_in_scope(dict(type=3)),
     raises=TypeError, match=['type must be a str or valid type', "<class 'int'>"])
# (a missing `mmdebias::` base config is checked where `mmdebias::` resolves: in the wheel's
# second environment, tests/test_packaging/installed_checks.py; an editable install cannot
# resolve `mmdebias::` at all, as the README says)
case('config_scheme_registered', REG,
     lambda tmp: __import__('mmengine.config.utils', fromlist=['MODULE2PACKAGE'])
     .MODULE2PACKAGE.get('mmdebias'), check=lambda v: v == 'mmdebias')

# ----------------------------------------------------------------------- DebiasHead objectives
DH = 'DebiasHead (objectives)'


def debias_head(objectives, **kwargs):
    return MODELS.build(dict(type='DebiasHead', head=I3D, objectives=objectives, **kwargs))


def albar_recognizer(preprocessor_type='ActionDataPreprocessor'):
    return MODELS.build(recognizer_cfg(
        TSN_R18, type='DebiasRecognizer2D',
        data_preprocessor=dict(TSN_R18['data_preprocessor'], type=preprocessor_type),
        cls_head=dict(type='DebiasHead', head=TSN_R18['cls_head'],
                      objectives=[dict(type='ALBARObjective')])))


def stock_loss_equal(tmp):
    torch.manual_seed(0)
    head = debias_head([])
    feats = torch.randn(3, 8, 1, 2, 2)
    data = [ActionDataSample().set_gt_label(i) for i in range(3)]
    ours = head.loss(feats, data)
    stock = head.head.loss(feats, data)
    return ours, stock


case('debias_head_unknown_objective', DH,
     lambda tmp: debias_head([dict(type='NoSuchObjective')]), raises=KeyError,
     match=['NoSuchObjective', 'registry'])
case('debias_head_objective_as_string', DH, lambda tmp: debias_head(['ALBARObjective']),
     raises=TypeError, match=['objectives[0]', "'ALBARObjective'", 'config dict'])
case('debias_head_objective_without_type', DH,
     lambda tmp: debias_head([dict(loss_weight=1.0)]), raises=TypeError,
     match=['objectives[0]', 'type'])
case('debias_head_objectives_a_dict', DH,
     lambda tmp: debias_head(dict(type='MaskConfusionObjective')), raises=TypeError,
     match=['objectives', 'list', "objectives=[{'type': 'MaskConfusionObjective'}]"])
case('debias_head_objectives_a_string', DH,
     lambda tmp: debias_head('ALBARObjective'), raises=TypeError,
     match=['objectives', 'list', "'ALBARObjective'"])
case('debias_head_objective_not_an_objective', DH,
     lambda tmp: debias_head([dict(type=KL)]), raises=TypeError,
     match=['objectives[0]', KL, 'not a debiasing objective', 'BaseObjective'])
case('debias_head_objective_unknown_argument', DH,
     lambda tmp: debias_head([dict(type=MCO, weight=1.0)]), raises=TypeError,
     match=[MCO, "'weight'"])
case('debias_head_two_objectives_same_key', DH,
     lambda tmp: confusion([True, False], objectives_extra=[dict(type=MCO)]),
     raises=KeyError, match=['loss_mask_entropy', 'distinct'])
case('debias_head_empty_objectives_is_stock', DH, stock_loss_equal,
     check=lambda r: torch.equal(r[0]['loss_cls'], r[1]['loss_cls']))
case('debias_head_objectives_none', DH, lambda tmp: len(debias_head(None).objectives),
     check=lambda n: n == 0)
case('debias_head_weight_norm_typo', DH, lambda tmp: debias_head([], weight_norm='avg'),
     raises=ValueError, match=['weight_norm', "'avg'", 'sum'])
case('debias_head_albar_without_static_clip_sampler', DH, lambda tmp: albar_recognizer(),
     raises=RuntimeError, match=['ALBARObjective', 'static clips', 'ActionDataPreprocessor',
                                 "'StaticClipSampler'"])
case('debias_head_albar_with_static_clip_sampler', DH,
     lambda tmp: type(albar_recognizer('StaticClipSampler').cls_head).__name__,
     check=lambda n: n == 'DebiasHead')
case('debias_head_gradient_penalty_without_albar', DH,
     lambda tmp: debias_head([dict(type=MCO)]).set_gradient_penalty_scale(1.0),
     raises=RuntimeError,
     match=['GradientPenaltyHook', 'ALBARObjective'])


@pytest.mark.parametrize('bad', CASES, ids=ids(CASES))
def test_bad_input(bad, tmp_path):
    assert_case(bad, tmp_path)
