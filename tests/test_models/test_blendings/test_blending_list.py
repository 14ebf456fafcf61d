"""BlendingList composition, and ALBAR + StillMix: static clips from the unblended clips."""
import pytest
import torch
from mmaction.registry import MODELS

from mmdebias.models import BlendingList, StillMixBlending, VideoMixBlending
from tests.conformance import TSN_R18, make_batch, recognizer_cfg
from tests.test_models.test_blendings.helpers import R3D18_TINY, frames, make, pin, samples


def test_blendings_run_in_order_with_their_batch_probabilities():
    calls = []

    def tag(name):
        def blending(imgs, data_samples):
            calls.append(name)
            return imgs * 2 if name == 'a' else imgs + 1, data_samples
        return blending

    blend = BlendingList([tag('a'), tag('b'), tag('never')], probs=[1.0, 1.0, 0.0])
    out, _ = blend(torch.ones(2, 3, 3, 2, 2), samples([0, 1]))
    assert calls == ['a', 'b'] and torch.equal(out, torch.full((2, 3, 3, 2, 2), 3.0))

    torch.manual_seed(0)
    calls.clear()
    half = BlendingList([tag('b')], probs=0.5)
    for _ in range(400):
        half(torch.ones(1, 1, 1, 1, 1), samples([0]))
    assert 160 < len(calls) < 240


def test_each_blending_keeps_its_own_probability_and_soft_labels_flow():
    x = make([[1] * 4, [2] * 4], '3d')
    still = pin(StillMixBlending(prob=0.5), lam=0.5, mixed=[True, False], src_clip=[1, 0],
                src_frame=[0, 0])
    mix = pin(VideoMixBlending(num_classes=2), lam=0.5, box=(0, 4, 0, 1, 0, 2),
              partner=[1, 0], mixed=[False, True])
    blend = BlendingList([still, mix, dict(type='MixupBlending', num_classes=2, alpha=1.0)],
                         probs=[1.0, 1.0, 0.0])
    out, data_samples = blend(x, samples([0, 1]))
    got = frames(out)[:, :, 0]
    # StillMix: clip 0 -> 0.5 * 1 + 0.5 * 2 = 1.5, clip 1 untouched (2); then VideoMix pastes
    # row 0 of clip 0 (now 1.5) into clip 1
    torch.testing.assert_close(got[0], torch.full((4, 2, 2), 1.5))
    torch.testing.assert_close(got[1], torch.tensor([[1.5, 1.5], [2., 2.]]).expand(4, 2, 2))
    torch.testing.assert_close(data_samples[0].gt_label, torch.tensor([1.0, 0.0]))
    torch.testing.assert_close(data_samples[1].gt_label, torch.tensor([0.5, 0.5]))


def test_stock_mixup_after_videomix_accepts_soft_labels():
    torch.manual_seed(0)
    blend = BlendingList([dict(type='VideoMixBlending', num_classes=3, prob=1.0),
                          dict(type='MixupBlending', num_classes=3, alpha=1.0)])
    _, data_samples = blend(make([[1] * 4, [2] * 4], 'tsn'), samples([0, 2]))
    for sample in data_samples:
        assert sample.gt_label.shape == (3, )
        torch.testing.assert_close(sample.gt_label.sum(), torch.tensor(1.0))


def test_bad_lists():
    with pytest.raises(ValueError, match='non-empty list'):
        BlendingList([])
    with pytest.raises(ValueError, match='non-empty list'):
        BlendingList(dict(type='BEBlending'))
    with pytest.raises(ValueError, match='2 blendings but 3 probs'):
        BlendingList([dict(type='BEBlending')] * 2, probs=[1, 1, 1])
    with pytest.raises(ValueError, match=r'probs\[1\] must be a probability'):
        BlendingList([dict(type='BEBlending')] * 2, probs=[1, 1.2])
    with pytest.raises(TypeError, match='not callable'):
        BlendingList([3])


@pytest.mark.parametrize('base,shape', [(R3D18_TINY, (1, 3, 4, 8, 8)), (TSN_R18, (3, 3, 8, 8))])
def test_albar_stillmix_static_clip_is_the_unmixed_clips_frame(base, shape):
    preprocessor = dict(base['data_preprocessor'], type='StaticClipSampler',
                        frame_index='middle',
                        blending=dict(type='BlendingList', blendings=[
                            dict(type='StillMixBlending', prob=1.0),
                            dict(type='VideoMixBlending', num_classes=4, prob=1.0)]))
    model = MODELS.build(recognizer_cfg(
        base, type='Debias' + base['type'], data_preprocessor=preprocessor,
        cls_head=dict(type='ALBARHead', head=base['cls_head'])))
    batch = make_batch(4, shape, 4)
    raw = torch.stack(batch['inputs']).float()
    mean = torch.tensor(base['data_preprocessor']['mean'])
    std = torch.tensor(base['data_preprocessor']['std'])
    if raw.dim() == 6:  # [B, V, C, T, H, W]
        normalised = (raw - mean.view(3, 1, 1, 1)) / std.view(3, 1, 1, 1)
        middle = normalised[:, :, :, 2:3].expand_as(normalised)
    else:  # [B, S, C, H, W]
        normalised = (raw - mean.view(3, 1, 1)) / std.view(3, 1, 1)
        middle = normalised[:, 1:2].expand_as(normalised)

    torch.manual_seed(0)
    out = model.data_preprocessor(batch, training=True)
    assert not torch.allclose(out['inputs'], normalised)  # the clips were blended ...
    pasted = []
    for i, sample in enumerate(out['data_samples']):
        # ... but static clip i is the middle frame of the UNMIXED clip i
        torch.testing.assert_close(sample.static_inputs, middle[i])
        # label i is still clip i's: soft after VideoMix, 1 - v on clip i's class (i % 4)
        # and v on one other class, v the pasted volume fraction (one cuboid per batch)
        label = sample.gt_label
        assert label.shape == (4, ) and torch.isclose(label.sum(), torch.tensor(1.0))
        pasted.append(1 - label[i % 4].item())
        assert (label > 0).sum() <= 2
    assert max(pasted) - min(pasted) < 1e-6
    # a training step through ALBARHead with soft labels works
    from mmengine.optim import OptimWrapper
    model.train()
    log_vars = model.train_step(make_batch(4, shape, 4),
                                OptimWrapper(torch.optim.SGD(model.parameters(), lr=0.01)))
    assert all(torch.isfinite(torch.as_tensor(v)) for v in log_vars.values())


def test_albar_stillmix_pinned_lam_keeps_clip_label_and_static_clip_aligned():
    """Known lam and partners: output i = 0.25 x_i + 0.75 f(x_j); static clip and label of i."""
    preprocessor = dict(R3D18_TINY['data_preprocessor'], type='StaticClipSampler',
                        mean=[0., 0., 0.], std=[1., 1., 1.], frame_index=0,
                        blending=dict(type='StillMixBlending', prob=1.0))
    model = MODELS.build(recognizer_cfg(
        R3D18_TINY, type='DebiasRecognizer3D', data_preprocessor=preprocessor,
        cls_head=dict(type='ALBARHead', head=R3D18_TINY['cls_head'])))
    pin(model.data_preprocessor.blending, lam=0.25, mixed=[True, True, True],
        src_clip=[2, 0, 1], src_frame=[1, 1, 1])
    # clip b, frame t = 10 * b + t, as uint8 samples [V=1, C, T, H, W]
    inputs = [(10 * b + torch.arange(4)).view(1, 1, 4, 1, 1).expand(1, 3, 4, 2, 2).to(
        torch.uint8) for b in range(3)]
    batch = dict(inputs=inputs, data_samples=samples([3, 1, 2]))
    out = model.data_preprocessor(batch, training=True)
    got = out['inputs'][:, 0, 0, :, 0, 0]  # [B, T]
    t = torch.arange(4.)
    expected = torch.stack([0.25 * t + 0.75 * 21, 0.25 * (10 + t) + 0.75 * 1,
                            0.25 * (20 + t) + 0.75 * 11])
    torch.testing.assert_close(got, expected)
    for b, sample in enumerate(out['data_samples']):
        assert torch.equal(sample.static_inputs, torch.full((1, 3, 4, 2, 2), 10. * b))
    assert [int(s.gt_label) for s in out['data_samples']] == [3, 1, 2]
