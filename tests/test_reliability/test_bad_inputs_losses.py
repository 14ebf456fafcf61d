"""Bad inputs for the losses, the necks and heads that call them, the hooks and the
static-clip sampler.

Every case ends in a clear error (naming the value / key and the fix) or a documented correct
result; see :mod:`tests.test_reliability.campaign`."""
import math

import pytest
import torch
from mmaction.registry import HOOKS, MODELS
from mmaction.structures import ActionDataSample
from mmengine.optim import OptimWrapper

from mmdebias.models.losses import negative_entropy, static_gradient_penalty
from mmdebias.models.utils import GradientReversal
from tests.conformance import TSN_R18, make_batch, recognizer_cfg
from tests.test_reliability.campaign import Case, assert_case, ids

CASES = []
NAN, INF = float('nan'), float('inf')


def case(*args, **kwargs):
    CASES.append(Case(*args, **kwargs))


# ----------------------------------------------------------------------- negative entropy
NE = 'negative_entropy'
for name, value in [('nan', NAN), ('pos_inf', INF), ('neg_inf', -INF)]:
    case(f'negative_entropy_{name}_logit', NE,
         lambda tmp, v=value: negative_entropy(torch.tensor([[0.0, 1.0], [v, 0.0]])),
         raises=ValueError, match=['non-finite', 'row', '[1]', 'NaN pixels', 'learning rate'])
case('negative_entropy_1d_logits', NE, lambda tmp: negative_entropy(torch.zeros(4)),
     raises=ValueError, match=['[B, K]', '(4,)'])
case('negative_entropy_3d_logits', NE, lambda tmp: negative_entropy(torch.zeros(2, 3, 4)),
     raises=ValueError, match=['[B, K]', '(2, 3, 4)'])
case('negative_entropy_empty_batch', NE, lambda tmp: negative_entropy(torch.zeros(0, 5)),
     raises=ValueError, match=['empty', '(0, 5)'])
case('negative_entropy_one_class', NE, lambda tmp: negative_entropy(torch.randn(3, 1)),
     check=lambda v: float(v) == 0.0)
case('negative_entropy_huge_logits', NE,
     lambda tmp: negative_entropy(torch.tensor([[1e4, -1e4, 0.0]])),
     check=lambda v: math.isfinite(float(v)) and abs(float(v)) < 1e-3)
case('negative_entropy_fp16_logits', NE,
     lambda tmp: negative_entropy(torch.tensor([[60000.0, -60000.0]], dtype=torch.float16)),
     check=lambda v: v.dtype == torch.float32 and math.isfinite(float(v)))
case('negative_entropy_uniform_is_minus_log_k', NE,
     lambda tmp: negative_entropy(torch.zeros(2, 4)),
     check=lambda v: abs(float(v) + math.log(4)) < 1e-6)
NEL = 'NegativeEntropyLoss'
for name, weight in [('nan', NAN), ('inf', INF), ('negative', -1.0), ('word', 'four')]:
    case(f'negative_entropy_loss_weight_{name}', NEL,
         lambda tmp, w=weight: MODELS.build(dict(type=NEL, loss_weight=w)),
         raises=ValueError, match=['loss_weight', repr(weight) if isinstance(weight, str)
                                   else str(weight)])
case('negative_entropy_loss_nan_logits', NEL,
     lambda tmp: MODELS.build(dict(type=NEL, loss_weight=4.25))(torch.full((2, 3), NAN)),
     raises=ValueError, match=['non-finite'])

# ----------------------------------------------------------------------- gradient penalty
GP = 'static_gradient_penalty'


def penalty(inputs=None, layout='NCTHW', scores_fn=None, **kwargs):
    torch.manual_seed(0)
    x = torch.rand(2, 1, 3, 4, 8, 8) if inputs is None else inputs
    x.requires_grad_(True)
    weight = torch.randn(x[0].numel(), 3)
    scores = (x.flatten(1) @ weight) if scores_fn is None else scores_fn(x)
    return static_gradient_penalty(scores, x, layout=layout, **kwargs)


def with_value(value, where=(0, 0, 0, 1, 2, 3)):
    x = torch.rand(2, 1, 3, 4, 8, 8)
    x[where] = value
    return x


case('gradient_penalty_nan_pixel', GP, lambda tmp: penalty(with_value(NAN)),
     raises=ValueError, match=['static clips', 'non-finite', 'sample', '[0]'])
case('gradient_penalty_inf_pixel', GP, lambda tmp: penalty(with_value(INF)),
     raises=ValueError, match=['static clips', 'non-finite'])
case('gradient_penalty_nan_logit', GP,
     lambda tmp: penalty(scores_fn=lambda x: x.flatten(1)[:, :3] * torch.tensor([NAN, 1, 1])),
     raises=ValueError, match=['logits', 'non-finite'])
case('gradient_penalty_layout_ncthw_with_5d', GP,
     lambda tmp: penalty(torch.rand(2, 3, 3, 8, 8)), raises=ValueError,
     match=['NCTHW', '[B, V, C, T, H, W]', '(2, 3, 3, 8, 8)'])
case('gradient_penalty_layout_nchw_with_6d', GP,
     lambda tmp: penalty(layout='NCHW'), raises=ValueError,
     match=['NCHW', '[B, S, C, H, W]', '(2, 1, 3, 4, 8, 8)'])
case('gradient_penalty_scores_not_from_inputs', GP,
     lambda tmp: penalty(scores_fn=lambda x: torch.randn(2, 3, requires_grad=True)),
     raises=ValueError, match=['scores', 'do not depend on', 'inputs'])
case('gradient_penalty_mode_typo', GP, lambda tmp: penalty(mode='L2'), raises=ValueError,
     match=['mode', "'L2'"])
case('gradient_penalty_layout_typo', GP, lambda tmp: penalty(layout='NTCHW'),
     raises=ValueError, match=['layout', "'NTCHW'"])
case('gradient_penalty_no_requires_grad', GP,
     lambda tmp: static_gradient_penalty(torch.zeros(2, 3), torch.zeros(2, 1, 3, 4, 8, 8)),
     raises=ValueError, match=['requires_grad=True'])
case('gradient_penalty_finite_value', GP, lambda tmp: penalty(),
     check=lambda v: math.isfinite(float(v)) and float(v) > 0)
case('gradient_penalty_tsn_layout', GP,
     lambda tmp: penalty(torch.rand(2, 3, 3, 8, 8), layout='NCHW'),
     check=lambda v: math.isfinite(float(v)) and float(v) > 0)

# ----------------------------------------------------------------------- heads and necks
ALBAR = 'ALBARHead (train step)'


def albar_step(pixel=NAN, lr=0.01):
    torch.manual_seed(0)
    cfg = recognizer_cfg(TSN_R18, type='DebiasRecognizer2D',
                         data_preprocessor=dict(TSN_R18['data_preprocessor'],
                                                type='StaticClipSampler'),
                         cls_head=dict(type='ALBARHead', head=TSN_R18['cls_head']))
    model = MODELS.build(cfg)
    batch = make_batch(2, (3, 3, 32, 32), 4)
    batch['inputs'] = [x.float() for x in batch['inputs']]
    batch['inputs'][0][1, 0, 5, 5] = pixel  # one pixel of the middle (static) segment
    model.train()
    model.train_step(batch, OptimWrapper(torch.optim.SGD(model.parameters(), lr=lr)))
    return dict(model.named_parameters())


case('albar_train_step_nan_pixel', ALBAR, lambda tmp: albar_step(NAN), raises=ValueError,
     match=['non-finite', 'NaN pixels'])
case('albar_train_step_inf_pixel', ALBAR, lambda tmp: albar_step(INF), raises=ValueError,
     match=['non-finite'])
case('albar_train_step_finite', ALBAR, lambda tmp: albar_step(128.0),
     check=lambda params: len(params) > 0)

HMC = 'HumanMaskConfusionHead'


def confusion_loss(feats, masked=(True, False)):
    head = MODELS.build(dict(type=HMC, head=dict(type='I3DHead', num_classes=4, in_channels=8,
                                                 spatial_type='avg', dropout_ratio=0.0)))
    samples = []
    for i, flag in enumerate(masked):
        s = ActionDataSample().set_gt_label(i % 4)
        s.set_field(flag, 'human_masked')
        samples.append(s)
    return head.loss(feats, samples)


case('confusion_head_nan_features', HMC,
     lambda tmp: confusion_loss(torch.full((2, 8, 1, 2, 2), NAN)), raises=ValueError,
     match=['non-finite'])
case('confusion_head_finite', HMC, lambda tmp: confusion_loss(torch.rand(2, 8, 1, 2, 2)),
     check=lambda losses: all(math.isfinite(float(v)) for v in losses.values()))
AAN = 'AdversarialAspectNeck'
ONE_HOT = torch.eye(3)  # LoadAspectLabels(label_format='top1') gives one-hot vectors


def aspect_neck(x=None, labels=(ONE_HOT[0], ONE_HOT[1]), **aspect):
    aspect = dict(dict(name='scene', num_classes=3, num_hidden_layers=1, hidden_channels=4),
                  **aspect)
    neck = MODELS.build(dict(type=AAN, in_channels=8, aspects=[aspect]))
    samples = []
    for i, label in enumerate(labels):
        s = ActionDataSample().set_gt_label(0)
        if label is not ...:
            s.set_field(label, 'scene_label')
        s.set_metainfo(dict(filename=f'clip{i}.mp4'))
        samples.append(s)
    x = torch.rand(len(labels), 8, 2, 2, 2) if x is None else x
    return neck(x, data_samples=samples)[1]


case('aspect_neck_nan_features', AAN,
     lambda tmp: aspect_neck(torch.full((2, 8, 2, 2, 2), NAN)), raises=ValueError,
     match=['non-finite', 'features', 'clip0.mp4'])
case('aspect_neck_nan_label', AAN,
     lambda tmp: aspect_neck(labels=(torch.tensor([NAN, 0.5, 0.5]), ONE_HOT[1])),
     raises=ValueError, match=['non-finite', 'clip0.mp4', 'scene_label'])
case('aspect_neck_class_index_label', AAN, lambda tmp: aspect_neck(labels=(7, ONE_HOT[1])),
     raises=ValueError, match=['shape ()', 'length 3', 'clip0.mp4', 'LoadAspectLabels'])
case('aspect_neck_negative_prob_vector', AAN,
     lambda tmp: aspect_neck(labels=(torch.tensor([-0.1, 0.6, 0.5]), ONE_HOT[1])),
     raises=ValueError, match=['negative', 'clip0.mp4'])
case('aspect_neck_zero_prob_vector', AAN,
     lambda tmp: aspect_neck(labels=(torch.zeros(3), ONE_HOT[1])), raises=ValueError,
     match=['all-zero', 'clip0.mp4', '-1'])
case('aspect_neck_wrong_vector_length', AAN,
     lambda tmp: aspect_neck(labels=(torch.ones(5) / 5, ONE_HOT[1])), raises=ValueError,
     match=['(5,)', 'length 3', 'clip0.mp4'])
case('aspect_neck_unlabelled_zero_loss', AAN, lambda tmp: aspect_neck(labels=(-1, ...)),
     check=lambda losses: float(losses['loss_scene']) == 0.0)
case('aspect_neck_num_classes_1', AAN, lambda tmp: aspect_neck(num_classes=1),
     raises=ValueError, match=['num_classes', '>= 2', '1'])
case('aspect_neck_temperature_nan', AAN, lambda tmp: aspect_neck(temperature=NAN),
     raises=ValueError, match=['temperature', 'nan'])
case('aspect_neck_loss_weight_inf', AAN, lambda tmp: aspect_neck(loss_weight=INF),
     raises=ValueError, match=['loss_weight', 'inf'])
case('aspect_neck_unknown_key', AAN, lambda tmp: aspect_neck(weight=1.0), raises=TypeError,
     match=["'weight'"])
case('aspect_neck_in_channels_mismatch', AAN,
     lambda tmp: aspect_neck(torch.rand(2, 6, 2, 2, 2)), raises=ValueError,
     match=['in_channels=8', '6 channels'])
case('aspect_neck_duplicate_aspect_name', AAN,
     lambda tmp: MODELS.build(dict(type=AAN, in_channels=8, aspects=[
         dict(name='scene', num_classes=3), dict(name='scene', num_classes=5)])),
     raises=ValueError, match=["'scene'", 'twice'])
case('aspect_neck_empty_aspects', AAN,
     lambda tmp: MODELS.build(dict(type=AAN, in_channels=8, aspects=[])), raises=ValueError,
     match=['aspects', 'non-empty'])

# ----------------------------------------------------------------------- hooks
GPH = 'GradientPenaltyHook'
for name, kwargs, frags in [('interval_bool', dict(interval=True), ['interval', 'True']),
                            ('interval_zero', dict(interval=0), ['interval', '0']),
                            ('interval_float', dict(interval=2.0), ['interval', '2.0']),
                            # the weights moved to the model: the hook names where
                            ('weight_on_hook', dict(loss_weight=10.0),
                             ['loss_weight=10.0', 'loss_gp_weight', 'ALBARHead']),
                            ('mode_on_hook', dict(mode='released'),
                             ["mode='released'", 'gp_mode', 'interval'])]:
    case(f'gp_hook_{name}', GPH, lambda tmp, k=kwargs: HOOKS.build(dict(type=GPH, **k)),
         raises=ValueError, match=[GPH] + frags)
case('gp_hook_lazy_scale', GPH,
     lambda tmp: [HOOKS.build(dict(type=GPH, interval=2)).scale_at(i) for i in range(4)],
     check=lambda w: w == [2.0, 0.0, 2.0, 0.0])
AO = 'ALBARObjective'
for name, kwargs, frags in [('weight_negative', dict(loss_gp_weight=-1.0),
                             ['loss_gp_weight', '-1']),
                            ('weight_nan', dict(loss_gp_weight=NAN), ['loss_gp_weight', 'nan']),
                            ('weight_inf', dict(loss_gp_weight=INF), ['loss_gp_weight', 'inf']),
                            ('weight_word', dict(loss_gp_weight='ten'),
                             ['loss_gp_weight', "'ten'"]),
                            ('weight_bool', dict(loss_gp_weight=True), ['loss_gp_weight', 'True']),
                            ('mode_typo', dict(gp_mode='faithfull'), ['mode', "'faithfull'"])]:
    case(f'albar_objective_gp_{name}', AO, lambda tmp, k=kwargs: MODELS.build(dict(type=AO, **k)),
         raises=ValueError, match=[AO] + frags)
case('albar_objective_gp_weight_zero_is_off', AO,
     lambda tmp: MODELS.build(dict(type=AO, loss_gp_weight=0.0)).gp_weight,
     check=lambda w: w == 0.0)
GRL = 'GRLScheduleHook'
for name, kwargs, frags in [('grl_lambda_nan', dict(grl_lambda=NAN), ['grl_lambda', 'nan']),
                            ('grl_lambda_negative', dict(grl_lambda=-1), ['grl_lambda', '-1']),
                            ('grl_lambda_word', dict(grl_lambda='one'), ['grl_lambda', "'one'"]),
                            ('gamma_zero', dict(gamma=0), ['gamma', '0']),
                            ('gamma_word', dict(gamma='ten'), ['gamma', "'ten'"]),
                            ('schedule_typo', dict(schedule='cosine'), ['schedule', 'cosine'])]:
    case(f'grl_hook_{name}', GRL, lambda tmp, k=kwargs: HOOKS.build(dict(type=GRL, **k)),
         raises=ValueError, match=[GRL] + frags)
case('grl_hook_progress_clipped', GRL,
     lambda tmp: [HOOKS.build(dict(type=GRL, schedule='linear')).factor(p)
                  for p in (-1, 0.5, 2)],
     check=lambda f: f == [0.0, 0.5, 1.0])
GR = 'GradientReversal'
for name, grl_lambda, error, frags in [('nan', NAN, ValueError, ['grl_lambda', 'nan']),
                                  ('inf', INF, ValueError, ['grl_lambda', 'inf']),
                                  ('negative', -0.5, ValueError, ['grl_lambda', '-0.5']),
                                  ('word', 'strong', TypeError, ['grl_lambda', "'strong'"])]:
    case(f'gradient_reversal_grl_lambda_{name}', GR, lambda tmp, a=grl_lambda: GradientReversal(a),
         raises=error, match=frags)
case('gradient_reversal_set_grl_lambda_nan', GR, lambda tmp: GradientReversal(1.0).set_grl_lambda(NAN),
     raises=ValueError, match=['grl_lambda', 'nan'])

# ----------------------------------------------------------------------- StaticClipSampler
SCS = 'StaticClipSampler'


def sampler(frame_index='middle', format_shape='NCTHW'):
    return MODELS.build(dict(type=SCS, frame_index=frame_index, format_shape=format_shape))


for name, value in [('true', True), ('false', False), ('float', 1.5), ('word', 'first')]:
    case(f'static_clip_sampler_frame_index_{name}', SCS, lambda tmp, v=value: sampler(v),
         raises=ValueError, match=['frame_index', repr(value)])
case('static_clip_sampler_index_out_of_range', SCS,
     lambda tmp: sampler(9).make_static_clips(torch.rand(2, 1, 3, 4, 8, 8)), raises=ValueError,
     match=['frame_index=9', '4 frames'])
case('static_clip_sampler_one_frame', SCS,
     lambda tmp: sampler().make_static_clips(torch.rand(2, 1, 3, 1, 8, 8)), raises=ValueError,
     match=['1 frame(s)', 'at least 2 frames'])
case('static_clip_sampler_wrong_rank', SCS,
     lambda tmp: sampler().make_static_clips(torch.rand(2, 3, 4, 8, 8)), raises=ValueError,
     match=['[B, V, C, T, H, W]', '(2, 3, 4, 8, 8)'])
case('static_clip_sampler_format_shape', SCS, lambda tmp: sampler(format_shape='NCTHW_Heatmap'),
     raises=ValueError, match=['format_shape', 'NCTHW_Heatmap'])
case('static_clip_sampler_negative_index', SCS,
     lambda tmp: sampler(-1).make_static_clips(torch.arange(4.).view(1, 1, 1, 4, 1, 1)),
     check=lambda clip: clip.flatten().tolist() == [3.0] * 4)


@pytest.mark.parametrize('bad', CASES, ids=ids(CASES))
def test_bad_input(bad, tmp_path):
    assert_case(bad, tmp_path)
