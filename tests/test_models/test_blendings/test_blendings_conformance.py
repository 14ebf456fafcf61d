"""Every blending inside stock Recognizer2D (TSN) / Recognizer3D: a training step works.

``tests/conformance.py::train_test_step`` builds the recognizer, runs ``train_step`` (loss,
backward, SGD step: backbone and head must change) and ``test_step``. The 3D model is the
CPU-sized ResNet3d-18 of ``demo/demo_configs/_base_/models/r3d18_tiny.py`` (16 base channels; a
SlowOnly-R18 step takes seconds on CPU), a stock Recognizer3D all the same.
"""
import numpy as np
import pytest

from mmdebias.models import save_frame_bank
from tests.conformance import SAMPLE_SHAPES, TSN_R18, recognizer_cfg, train_test_step
from tests.test_models.test_blendings.helpers import R3D18_TINY

BLENDINGS = {
    'stillmix-random': dict(type='StillMixBlending', prob=1.0),
    'stillmix-bank': dict(type='StillMixBlending', prob=1.0, alpha=(20, 60),
                          mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375]),
    'be': dict(type='BEBlending', prob=1.0),
    'fame': dict(type='FAMEBlending', prob=1.0),
    'actorcutmix': dict(type='ActorCutMixBlending', num_classes=4, prob=1.0),
    'videomix': dict(type='VideoMixBlending', num_classes=4, prob=1.0),
    'list': dict(type='BlendingList', blendings=[
        dict(type='StillMixBlending', prob=0.5), dict(type='BEBlending', prob=0.5),
        dict(type='FAMEBlending', prob=0.5),
        dict(type='ActorCutMixBlending', num_classes=4, prob=0.5),
        dict(type='VideoMixBlending', num_classes=4, prob=0.5)]),
}


@pytest.fixture(scope='module')
def bank_file(tmp_path_factory):
    path = str(tmp_path_factory.mktemp('bank') / 'bank.npz')
    frames = np.random.default_rng(0).integers(0, 256, (6, 32, 32, 3), dtype=np.uint8)
    save_frame_bank(path, frames, [0] * 6, ['v.mp4'] * 6, range(6), [0.9] * 6)
    return path


@pytest.mark.parametrize('base', [TSN_R18, R3D18_TINY], ids=['Recognizer2D', 'Recognizer3D'])
@pytest.mark.parametrize('name', sorted(BLENDINGS))
def test_training_step_with_blending(name, base, bank_file):
    blending = dict(BLENDINGS[name])
    if name == 'stillmix-bank':
        blending['bank_file'] = bank_file
    cfg = recognizer_cfg(base, data_preprocessor=dict(base['data_preprocessor'],
                                                      blending=blending))
    shape = SAMPLE_SHAPES[base['type']]
    frames = shape[0] if base['type'] == 'Recognizer2D' else shape[0] * shape[2]
    masks = np.zeros((2, frames, 32, 32), np.uint8)
    masks[0, :, 8:20, 4:12] = 1  # an actor box in clip 0; clip 1 has none
    _, log_vars, _ = train_test_step(cfg, batch_size=2, extra_fields=dict(actor_mask=masks))
    assert log_vars['loss_cls'] > 0
