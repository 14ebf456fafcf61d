"""build_adversary_mlp's hidden width and the loader of SDN's released MLP weights.

The released layout is rebuilt here from its description (``vt-vl-lab/SDN``,
``models/resnet.py``: ``MLP_Block`` = ``fc`` (Linear) -> ``bn`` (BatchNorm1d) -> ReLU,
``place_mlp`` / ``hm_mlp`` = those blocks then ``p_last_fc`` / ``hm_last_fc``, hidden width
``512 * block.expansion`` = the feature width; checkpoints saved from ``nn.DataParallel``,
so keys start with ``module.``): names and shapes as in a released checkpoint, random values.
"""
from collections import OrderedDict

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmaction.registry import MODELS

from mmdebias.models.utils import (build_adversary_mlp, load_released_sdn_mlp,
                                   released_sdn_mlp_keys)

C, SCENES, ACTIONS = 8, 5, 4  # feature width (the released hidden width), classes


def released_state_dict(mlp='place_mlp', hidden_blocks=3, width=C, classes=SCENES,
                        prefix='module.', seed=0):
    """A released-layout state dict of one MLP, plus backbone / action-head keys around it."""
    gen = torch.Generator().manual_seed(seed)
    last = {'place_mlp': 'p_last_fc', 'hm_mlp': 'hm_last_fc'}[mlp]
    sd = OrderedDict()
    sd[prefix + 'conv1.weight'] = torch.randn(4, 3, 7, 7, 7, generator=gen)
    sd[prefix + 'fc.weight'] = torch.randn(ACTIONS, width, generator=gen)
    for k in range(hidden_blocks):
        sd[f'{prefix}{mlp}.{k}.fc.weight'] = torch.randn(width, width, generator=gen)
        sd[f'{prefix}{mlp}.{k}.fc.bias'] = torch.randn(width, generator=gen)
        sd[f'{prefix}{mlp}.{k}.bn.weight'] = torch.rand(width, generator=gen) + 0.5
        sd[f'{prefix}{mlp}.{k}.bn.bias'] = torch.randn(width, generator=gen)
        sd[f'{prefix}{mlp}.{k}.bn.running_mean'] = torch.randn(width, generator=gen)
        sd[f'{prefix}{mlp}.{k}.bn.running_var'] = torch.rand(width, generator=gen) + 0.5
        sd[f'{prefix}{mlp}.{k}.bn.num_batches_tracked'] = torch.tensor(100 + k)
    sd[f'{prefix}{mlp}.{last}.weight'] = torch.randn(classes, width, generator=gen)
    sd[f'{prefix}{mlp}.{last}.bias'] = torch.randn(classes, generator=gen)
    return sd


def released_forward(sd, x, mlp='place_mlp', prefix='module.'):
    """The released MLP in eval mode, written from the tensors: (fc -> bn -> relu) x L ->
    last fc (the GRL is the identity in the forward pass)."""
    last = {'place_mlp': 'p_last_fc', 'hm_mlp': 'hm_last_fc'}[mlp]
    k = 0
    while f'{prefix}{mlp}.{k}.fc.weight' in sd:
        p = f'{prefix}{mlp}.{k}.'
        x = F.linear(x, sd[p + 'fc.weight'], sd[p + 'fc.bias'])
        x = F.batch_norm(x, sd[p + 'bn.running_mean'], sd[p + 'bn.running_var'],
                         sd[p + 'bn.weight'], sd[p + 'bn.bias'], training=False)
        x = F.relu(x)
        k += 1
    return F.linear(x, sd[f'{prefix}{mlp}.{last}.weight'], sd[f'{prefix}{mlp}.{last}.bias'])


def test_hidden_width_none_is_the_feature_width():
    mlp = build_adversary_mlp(C, SCENES, hidden_channels=None, num_hidden_layers=2)
    assert [tuple(m.weight.shape) for m in mlp if isinstance(m, nn.Linear)] == [
        (C, C), (C, C), (SCENES, C)]
    assert build_adversary_mlp(2048, 365, None, 3)[1].weight.shape == (2048, 2048)  # R50
    assert build_adversary_mlp(2048, 365, 512, 3)[1].weight.shape == (512, 2048)  # paper text


def test_key_map_of_the_released_scene_mlp():
    mapping = released_sdn_mlp_keys(released_state_dict(hidden_blocks=3))
    assert mapping['module.place_mlp.0.fc.weight'] == '1.weight'
    assert mapping['module.place_mlp.0.bn.running_var'] == '2.running_var'
    assert mapping['module.place_mlp.2.fc.bias'] == '7.bias'
    assert mapping['module.place_mlp.2.bn.num_batches_tracked'] == '8.num_batches_tracked'
    assert mapping['module.place_mlp.p_last_fc.weight'] == '10.weight'
    assert not any('conv1' in k or k.endswith('.fc.weight') and 'mlp' not in k
                   for k in mapping)  # backbone and action head left out
    # without DataParallel's prefix, and inside a checkpoint dict
    plain = released_state_dict(prefix='')
    assert released_sdn_mlp_keys(dict(state_dict=plain, epoch=3))[
        'place_mlp.p_last_fc.bias'] == '10.bias'


@pytest.mark.parametrize('prefix', ['module.', ''])
def test_released_scene_weights_load_into_the_aspect_adversary(prefix):
    sd = released_state_dict(hidden_blocks=3, prefix=prefix)
    adversary = MODELS.build(dict(type='AspectAdversary', name='scene', num_classes=SCENES,
                                  in_channels=C, hidden_channels=None, num_hidden_layers=3))
    load_released_sdn_mlp(adversary.classifier, dict(state_dict=sd, epoch=1))
    ours = adversary.classifier.state_dict()
    for released, key in released_sdn_mlp_keys(sd).items():
        assert torch.equal(ours[key], sd[released]), (released, key)
    assert len(ours) == 3 * 7 + 2  # every parameter and buffer was filled
    x = torch.randn(6, C, generator=torch.Generator().manual_seed(1))
    adversary.eval()
    torch.testing.assert_close(adversary(x), released_forward(sd, x, prefix=prefix))


def test_released_human_mask_weights_load_into_the_confusion_objective():
    sd = released_state_dict('hm_mlp', hidden_blocks=1, classes=ACTIONS)
    sd.update(released_state_dict('place_mlp', hidden_blocks=3, seed=1))  # both MLPs saved
    objective = MODELS.build(dict(type='MaskConfusionObjective', num_classes=ACTIONS,
                                  mode='released', in_channels=C, hidden_channels=None))
    load_released_sdn_mlp(objective.confusion, sd, mlp='hm_mlp')
    assert torch.equal(objective.confusion[4].weight, sd['module.hm_mlp.hm_last_fc.weight'])
    assert torch.equal(objective.confusion[2].running_mean,
                       sd['module.hm_mlp.0.bn.running_mean'])
    x = torch.randn(3, C, generator=torch.Generator().manual_seed(2))
    objective.confusion.eval()
    torch.testing.assert_close(objective.confusion(x), released_forward(sd, x, 'hm_mlp'))


def test_mismatches_are_clear_errors():
    sd = released_state_dict(hidden_blocks=3)
    with pytest.raises(ValueError, match='has 3 hidden layer.*this MLP 1.*num_hidden_layers=3'):
        load_released_sdn_mlp(build_adversary_mlp(C, SCENES, None, 1), sd)
    with pytest.raises(ValueError, match=r'place_mlp.0.fc.weight has shape \(8, 8\).*'
                       r'expects \(16, 8\).*hidden_channels'):
        load_released_sdn_mlp(build_adversary_mlp(C, SCENES, 16, 3), sd)
    with pytest.raises(ValueError, match=r'p_last_fc.weight has shape \(5, 8\).*num_classes'):
        load_released_sdn_mlp(build_adversary_mlp(C, 7, None, 3), sd)
    with pytest.raises(KeyError, match="no hm_mlp.* keys.*'module.conv1'"):
        released_sdn_mlp_keys(sd, 'hm_mlp')
    del sd['module.place_mlp.p_last_fc.weight'], sd['module.place_mlp.p_last_fc.bias']
    with pytest.raises(KeyError, match='no place_mlp.p_last_fc'):
        released_sdn_mlp_keys(sd)
    with pytest.raises(ValueError, match="mlp must be one of"):
        released_sdn_mlp_keys(sd, 'scene_mlp')
