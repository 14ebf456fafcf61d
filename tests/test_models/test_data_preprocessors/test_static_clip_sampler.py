import pytest
import torch
from mmaction.registry import MODELS

from mmdebias.models import StaticClipSampler
from tests.conformance import SLOWONLY_R18, TSN_R18, make_batch, recognizer_cfg

MEAN_STD = dict(mean=[10., 20., 30.], std=[2., 4., 8.])


def test_ncthw_static_clip_is_middle_frame_after_normalisation():
    sampler = StaticClipSampler(format_shape='NCTHW', **MEAN_STD)
    x = torch.randn(3, 2, 3, 6, 4, 5)  # B, V, C, T, H, W
    static = sampler.make_static_clips(x)
    assert static.shape == x.shape
    for t in range(6):
        assert torch.equal(static[:, :, :, t], x[:, :, :, 3])  # middle of 6 frames


def test_tsn_static_clip_repeats_one_segment():
    sampler = StaticClipSampler(format_shape='NCHW', frame_index=0, **MEAN_STD)
    x = torch.randn(2, 3, 3, 4, 4)  # B, S, C, H, W
    static = sampler.make_static_clips(x)
    for s in range(3):
        assert torch.equal(static[:, s], x[:, 0])


def test_tsn_paired_views_get_one_static_frame_each():
    """HumanMask(mode='pair') in TSN layout: 2 x 3 segments per sample, the middle segment of
    each view is repeated over that view's segments."""
    model = MODELS.build(recognizer_cfg(
        TSN_R18, data_preprocessor=dict(TSN_R18['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='ALBARHead', head=TSN_R18['cls_head'])))
    batch = make_batch(2, (6, 3, 8, 8), 4, extra_fields=dict(human_mask_paired=[True, True]))
    data = model.data_preprocessor(batch, training=True)
    x = data['inputs']
    for i, sample in enumerate(data['data_samples']):
        static = sample.static_inputs
        for s in range(3):
            assert torch.equal(static[s], x[i, 1]) and torch.equal(static[3 + s], x[i, 4])


def test_random_frame_is_per_clip_and_in_range():
    torch.manual_seed(0)
    sampler = StaticClipSampler(format_shape='NCTHW', frame_index='random')
    x = torch.arange(64 * 8, dtype=torch.float32).view(64, 1, 1, 8, 1, 1).expand(
        64, 1, 1, 8, 1, 1)
    static = sampler.make_static_clips(x)
    chosen = static[:, 0, 0, 0, 0, 0] - torch.arange(64) * 8
    assert (static == static[:, :, :, :1]).all()  # constant over time
    assert chosen.min() >= 0 and chosen.max() <= 7
    assert len(set(chosen.tolist())) > 3  # not one fixed index


def test_negative_fixed_index():
    sampler = StaticClipSampler(format_shape='NCTHW', frame_index=-1)
    x = torch.randn(1, 1, 1, 5, 2, 2)
    assert torch.equal(sampler.make_static_clips(x)[:, :, :, 0], x[:, :, :, 4])


def test_bad_inputs_give_clear_errors():
    with pytest.raises(ValueError, match="'middle' or 'random'"):
        StaticClipSampler(frame_index='first')
    with pytest.raises(ValueError, match='format_shape'):
        StaticClipSampler(format_shape='MIX2d3d')
    sampler = StaticClipSampler(format_shape='NCTHW', frame_index=40)
    with pytest.raises(ValueError, match='frame_index=40 is out of range for clips of 32'):
        sampler.make_static_clips(torch.zeros(1, 1, 3, 32, 2, 2))
    one_frame = StaticClipSampler(format_shape='NCTHW')
    with pytest.raises(ValueError, match='1 frame'):
        one_frame.make_static_clips(torch.zeros(2, 1, 3, 1, 4, 4))
    tsn = StaticClipSampler(format_shape='NCHW')
    with pytest.raises(ValueError, match='1 frame'):
        tsn.make_static_clips(torch.zeros(2, 1, 3, 4, 4))


def test_training_preprocess_attaches_static_inputs_and_eval_does_not():
    cfg = recognizer_cfg(
        SLOWONLY_R18,
        data_preprocessor=dict(SLOWONLY_R18['data_preprocessor'], type='StaticClipSampler'),
        cls_head=dict(type='ALBARHead', head=SLOWONLY_R18['cls_head']))
    model = MODELS.build(cfg)
    batch = make_batch(2, (1, 3, 4, 8, 8), 4)
    out = model.data_preprocessor(batch, training=True)
    for i, sample in enumerate(out['data_samples']):
        expected = out['inputs'][i][:, :, 2:3].expand_as(out['inputs'][i])
        assert torch.equal(sample.static_inputs, expected)
    out = model.data_preprocessor(make_batch(2, (1, 3, 4, 8, 8), 4), training=False)
    assert all('static_inputs' not in s for s in out['data_samples'])


def test_sampler_without_albar_head_is_a_build_error_in_a_debias_recognizer():
    cfg = recognizer_cfg(
        TSN_R18, type='DebiasRecognizer2D',
        data_preprocessor=dict(TSN_R18['data_preprocessor'], type='StaticClipSampler'))
    with pytest.raises(RuntimeError, match="type='ALBARHead'"):
        MODELS.build(cfg)


def test_blending_runs_after_the_cut_and_the_sampler_is_not_changed():
    """The static clips are cut from the unblended batch; the preprocessor's own state
    (its blending) is never switched off, not even for a moment."""
    sampler = MODELS.build(dict(type='StaticClipSampler', format_shape='NCTHW',
                                blending=dict(type='MixupBlending', num_classes=4, alpha=.2),
                                **MEAN_STD))
    blending = sampler.blending
    seen = []

    def spy(inputs, samples):
        seen.append(sampler.blending is spy)
        return blending(inputs, samples)

    sampler.blending = spy
    torch.manual_seed(0)
    out = sampler(make_batch(2, (1, 3, 4, 8, 8), 4), training=True)
    assert seen == [True]
    unblended = sampler(make_batch(2, (1, 3, 4, 8, 8), 4), training=False)['inputs']
    for i, sample in enumerate(out['data_samples']):
        expected = unblended[i][:, :, 2:3].expand_as(unblended[i])
        assert torch.equal(sample.static_inputs, expected)
