import pytest
import torch
import torch.nn as nn
from mmaction.registry import HOOKS, MODELS


class _Runner:
    """The attributes of mmengine's Runner that the hook reads."""

    def __init__(self, model, it=0):
        self.model = model
        self.iter = it


class _Net(nn.Module):

    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv3d(3, 4, 1), nn.BatchNorm3d(4))
        self.cls_head = MODELS.build(dict(type='I3DHead', in_channels=4, num_classes=3,
                                          init_std=0.01))


def _trained_net():
    torch.manual_seed(0)
    net = _Net()
    with torch.no_grad():  # as if loaded from a trained checkpoint
        for p in net.parameters():
            p.fill_(3.0)
        net.backbone[1].running_mean.fill_(5.0)
    return net


def test_named_modules_start_afresh_and_the_rest_keeps_its_weights():
    net = _trained_net()
    HOOKS.build(dict(type='ReinitModulesHook', modules=['cls_head', 'backbone.1'])).before_train(
        _Runner(net))
    # the I3D head's own init: normal(std=init_std) weights, zero bias
    weight = net.cls_head.fc_cls.weight
    assert weight.abs().max() < 0.1 and weight.std() > 0
    assert torch.all(net.cls_head.fc_cls.bias == 0)
    # the BatchNorm: affine parameters and running statistics reset
    assert torch.all(net.backbone[1].weight == 1) and torch.all(net.backbone[1].bias == 0)
    assert torch.all(net.backbone[1].running_mean == 0)
    # the conv was not named: it keeps the loaded weights
    assert torch.all(net.backbone[0].weight == 3.0)


def test_a_resumed_run_is_left_alone():
    net = _trained_net()
    HOOKS.build(dict(type='ReinitModulesHook', modules=['cls_head'])).before_train(
        _Runner(net, it=50))
    assert torch.all(net.cls_head.fc_cls.weight == 3.0)


def test_errors_name_the_module_and_the_config_key():
    with pytest.raises(KeyError, match=r"no module 'head'.*custom_hooks.*'backbone', 'cls_head'"):
        HOOKS.build(dict(type='ReinitModulesHook', modules=['head'])).before_train(
            _Runner(_trained_net()))
    for bad in ('cls_head', [], [''], None):
        with pytest.raises(TypeError, match='non-empty list'):
            HOOKS.build(dict(type='ReinitModulesHook', modules=bad))
