from typing import Dict, Optional, Sequence, Tuple, Union

import numpy as np
import torch
import torch.nn as nn
from mmaction.evaluation.functional import mean_average_precision
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from mmengine.model import BaseModule

from ...utils.checks import check_int, check_weight
from ...utils.deprecation import renamed_argument
from ..utils import build_adversary_mlp, describe_sample, single_sample_batchnorm

#: How far a single-label target's sum may be from 1 (float32 rounding of stored
#: probabilities).
LABEL_SUM_TOLERANCE = 1e-3


@MODELS.register_module()
class AspectAdversary(BaseModule):
    r"""An adversarial classifier of one side label (scene, object, event, ...) of a clip.

    The pooled clip feature :math:`g = \mathrm{pool}(G_{\theta_f}(x)) \in \mathbb{R}^C` goes
    through a gradient reversal layer and an MLP (:func:`build_adversary_mlp`):
    :math:`z = f_{\theta_a}(\mathrm{GRL}_\lambda(g))`. The MLP minimises the aspect loss while
    the backbone, through the GRL, maximises it (SDN eq. 3 and 5):

    .. math:: L_a = \frac{w_a}{|S_a|} \sum_{i \in S_a} \sum_l \ell_l(z_i, y_i)

    over the clips :math:`S_a` that carry a label for this aspect, with the losses
    :math:`\ell_l` given as configs (``loss``; several are summed, each with its own
    ``loss_weight``):

    - SDN (Choi et al., "Why Can't I Dance in the Mall?", NeurIPS 2019): soft cross entropy
      against the video's mean Places365 softmax, ``loss=dict(type='CrossEntropyLoss')``
      (mmaction's cross entropy takes probability targets); the hard-label ablation sets
      ``hard_labels=True`` (class index = argmax of the target).
    - SMAD (Duan et al., "Mitigating Representation Bias in Action Recognition", ECCV 2022
      workshops): ``loss=[dict(type='CrossEntropyLoss', loss_weight=0.5),
      dict(type='KLDivergenceLoss', loss_weight=0.5)]`` on soft labels;
      :class:`MultiLabelAspectAdversary` for multi-hot tags.

    Ready-made configs: ``configs/_base_/models/adversaries/`` (SDN's scene adversary there
    sizes the hidden layers by the feature width, ``hidden_channels=None``, as the released
    code). Built and called by :class:`AdversarialAspectNeck`, which pools the features and
    fills in ``in_channels``. The MLP is ``self.classifier``; the weights of a released SDN
    checkpoint (``place_mlp.*``) load into it with :func:`load_released_sdn_mlp`.

    **Labels** are per-sample fields ``label_key`` (default ``'<name>_label'``), written by
    ``LoadAspectLabels`` and packed by ``PackActionInputs(algorithm_keys=(...))``: a float
    vector of length ``num_classes`` (a probability vector or a one-hot class; multi-hot
    tags: :class:`MultiLabelAspectAdversary`) or the ``-1`` marker / no field for an
    unlabelled clip. Values are checked once, when the label file is read; here a wrong
    width, a class index instead of a vector, a non-finite or negative entry, a vector that
    does not sum to 1 (tags above 1 for multi-hot) is an error naming the data sample and the
    fix.

    Logged keys: ``loss_<name>`` and ``<name>_acc`` (top-1 agreement with the target's
    argmax) over the labelled clips; a batch without one gives a zero loss that still
    depends on every parameter (DDP sees no unused parameters).

    Args:
        name (str): Aspect name, an identifier without ``'loss'`` (it names the log keys).
        num_classes (int): Classes of the aspect, >= 2.
        in_channels (int): Channels of the pooled feature (filled in by the neck).
        loss (dict | list[dict]): Loss config(s) ``loss(logits, target)``, summed.
            Defaults to ``dict(type='CrossEntropyLoss')``.
        loss_weight (float): :math:`w_a`, finite and >= 0. Defaults to 1.0.
        hard_labels (bool): Give the losses the class index (argmax of the target) instead
            of the vector. Defaults to False.
        hidden_channels (int, optional): Width of the MLP's hidden layers; None: the feature
            width ``in_channels``, as SDN's released code (``512 * block.expansion``: 512 on
            the paper's 3D-ResNet-18, 2048 on a ResNet-50; the paper's text says 512).
            Defaults to 512.
        num_hidden_layers (int): Hidden layers of the MLP. Defaults to 3 (SDN's released
            runs).
        grl_lambda (float): GRL strength :math:`\lambda` (SDN's; a ``GRLScheduleHook`` may
            scale it). Defaults to 1.0.
        label_key (str, optional): Data-sample field of the labels. Defaults to
            ``'<name>_label'``.
        init_cfg (dict, optional): Init config.
        alpha (float, optional): Deprecated name of ``grl_lambda`` (a ``FutureWarning``;
            removed after 2027-06-30).
    """

    def __init__(self,
                 name: str,
                 num_classes: int,
                 in_channels: int,
                 loss: Union[dict, Sequence[dict]] = dict(type='CrossEntropyLoss'),
                 loss_weight: float = 1.0,
                 hard_labels: bool = False,
                 hidden_channels: Optional[int] = 512,
                 num_hidden_layers: int = 3,
                 grl_lambda: float = 1.0,
                 label_key: Optional[str] = None,
                 init_cfg: Optional[dict] = None,
                 alpha: Optional[float] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        kind = type(self).__name__
        grl_lambda = renamed_argument(f'{kind} {name!r}', 'alpha', 'grl_lambda', alpha,
                                      grl_lambda, 1.0)
        if not isinstance(name, str) or not name.isidentifier() or 'loss' in name:
            raise ValueError(f"{kind}: name must be an identifier without 'loss' in it (it "
                             f'names log keys), got {name!r}.')
        check_int(num_classes, f'{kind} {name!r}: num_classes', 2)
        loss_weight = check_weight(loss_weight, f'{kind} {name!r}: loss_weight')
        losses = list(loss) if isinstance(loss, (list, tuple)) else [loss]
        if not losses or not all(isinstance(cfg, dict) and 'type' in cfg for cfg in losses):
            raise TypeError(f"{kind} {name!r}: loss must be a config dict (e.g. dict(type="
                            "'CrossEntropyLoss')) or a non-empty list of them, got "
                            f'{loss!r}.')
        self.name = name
        self.num_classes = num_classes
        self.loss_weight = float(loss_weight)
        self.hard_labels = bool(hard_labels)
        self.label_key = label_key or f'{name}_label'
        self.classifier = build_adversary_mlp(in_channels, num_classes, hidden_channels,
                                              num_hidden_layers, grl_lambda)
        self.losses = nn.ModuleList([MODELS.build(cfg) for cfg in losses])

    def forward(self, pooled: torch.Tensor) -> torch.Tensor:
        """``[N, C]`` pooled features -> ``[N, K]`` float32 logits."""
        with single_sample_batchnorm(self.classifier, pooled.shape[0]):
            return self.classifier(pooled).float()

    def loss(self, pooled: torch.Tensor, data_samples: SampleList,
             keep: Optional[torch.Tensor] = None) -> Dict[str, torch.Tensor]:
        """Loss and metrics of the clips that are labelled (and in ``keep``)."""
        logits = self(pooled)
        targets, labelled = self.targets(data_samples, logits.device)
        if keep is not None:
            labelled &= keep
        if not labelled.any():
            # zero, but connected to every parameter of the classifier and the backbone
            return {f'loss_{self.name}': logits.sum() * 0.0}
        z, y = logits[labelled], targets[labelled]
        target = y.argmax(dim=1) if self.hard_labels else y
        losses = {f'loss_{self.name}': self.loss_weight * sum(fn(z, target)
                                                                for fn in self.losses)}
        with torch.no_grad():
            losses.update(self.metrics(z, y))
        return losses

    def metrics(self, logits: torch.Tensor, targets: torch.Tensor) -> Dict[str, torch.Tensor]:
        hit = logits.argmax(dim=1) == targets.argmax(dim=1)
        return {f'{self.name}_acc': hit.float().mean()}

    # a one-hot or probability vector needs a positive entry; multi-hot tags may be all 0
    allows_empty_targets = False

    def targets(self, data_samples: SampleList,
                device) -> Tuple[torch.Tensor, torch.Tensor]:
        """``[N, K]`` float32 targets (zeros where unlabelled) and the ``[N]`` labelled flags."""
        k, key, kind = self.num_classes, self.label_key, type(self).__name__
        targets = torch.zeros(len(data_samples), k)
        labelled = torch.zeros(len(data_samples), dtype=torch.bool)
        for i, sample in enumerate(data_samples):
            value = sample.get(key, None)
            if isinstance(value, torch.Tensor):
                value = value.detach().cpu()
            if value is None or (np.ndim(value) == 0 and value == -1):
                continue  # no field / the 'unlabelled' marker
            if np.ndim(value) != 1 or len(value) != k:
                fix = (f'The label file has {len(value)} classes: set num_classes='
                       f'{len(value)} for aspect {self.name!r}, or load a label file with {k} '
                       'classes.' if np.ndim(value) == 1 else
                       "Load it with LoadAspectLabels (label_format='top1' turns a class id "
                       'into a one-hot vector).')
                raise ValueError(
                    f'{kind} {self.name!r}: data sample {i} ({describe_sample(sample)}) has {key} of '
                    f'shape {tuple(np.shape(value))}; expected a vector of length {k} (or -1 for an '
                    f'unlabelled clip). {fix}')
            targets[i] = torch.as_tensor(value, dtype=torch.float32)
            labelled[i] = True
        bad = ~(torch.isfinite(targets) & (targets >= 0)).all(dim=1)
        if not self.allows_empty_targets:
            bad |= labelled & (targets.sum(dim=1) <= 0)
        if bad.any():
            i = int(bad.nonzero()[0])
            raise ValueError(
                f'{kind} {self.name!r}: data sample {i} ({describe_sample(data_samples[i])}) has a '
                f'non-finite, negative or all-zero {key} {targets[i].tolist()[:8]}...; fix the '
                'label file (LoadAspectLabels checks it) and use -1 for unlabelled clips.')
        self._check_range(targets, labelled, data_samples)
        return targets.to(device), labelled.to(device)

    def _check_range(self, targets: torch.Tensor, labelled: torch.Tensor,
                     data_samples: SampleList) -> None:
        """A single-label target is a probability or one-hot vector: it sums to 1."""
        total = targets.sum(dim=1)
        bad = labelled & ((total - 1).abs() > LABEL_SUM_TOLERANCE)
        if bad.any():
            i = int(bad.nonzero()[0])
            raise ValueError(
                f'{type(self).__name__} {self.name!r}: data sample {i} '
                f'({describe_sample(data_samples[i])}) has a {self.label_key} that does not '
                f'sum to 1 (sum {float(total[i]):.4g}: {targets[i].tolist()[:8]}...); a '
                'single-label aspect takes a probability or one-hot vector. Load it with '
                "LoadAspectLabels(label_format='probs') (renormalises) or 'top1'; for "
                'multi-hot tags use MultiLabelAspectAdversary.')


@MODELS.register_module()
class MultiLabelAspectAdversary(AspectAdversary):
    """An :class:`AspectAdversary` for multi-hot tags (SMAD's object aspect: the ImageNet
    classes seen in a video, or HVU tags; Duan et al., ECCV 2022 workshops).

    Default loss ``BCELossWithLogits`` (SMAD weighs it 5, see
    ``configs/_base_/models/adversaries/smad_object.py``); an all-zero target (no tag) is a
    valid label. Logged: ``<name>_acc`` (the top-1 prediction is a positive tag) and
    ``<name>_mAP``, the mean over tags with at least one positive in the batch of the average
    precision of the tag scores (a batch estimate, for monitoring only).

    Args:
        loss (dict | list[dict]): Defaults to ``dict(type='BCELossWithLogits')``.
        **kwargs: The other arguments of :class:`AspectAdversary` (not ``hard_labels``).
    """

    allows_empty_targets = True

    def __init__(self, name: str, num_classes: int, in_channels: int,
                 loss: Union[dict, Sequence[dict]] = dict(type='BCELossWithLogits'),
                 **kwargs) -> None:
        if kwargs.get('hard_labels'):
            raise ValueError('MultiLabelAspectAdversary: hard_labels does not apply to '
                             'multi-hot tags; use AspectAdversary for single-label aspects.')
        super().__init__(name, num_classes, in_channels, loss=loss, **kwargs)

    def _check_range(self, targets: torch.Tensor, labelled: torch.Tensor,
                     data_samples: SampleList) -> None:
        """Multi-hot tags are in [0, 1] (negative and non-finite: checked before)."""
        bad = labelled & (targets > 1).any(dim=1)
        if bad.any():
            i = int(bad.nonzero()[0])
            raise ValueError(
                f'{type(self).__name__} {self.name!r}: data sample {i} '
                f'({describe_sample(data_samples[i])}) has {self.label_key} entries above 1 '
                f'({targets[i].tolist()[:8]}...); multi-hot tags are in [0, 1]. Load them '
                "with LoadAspectLabels(label_format='multi_hot'), which checks this.")

    def metrics(self, logits: torch.Tensor, targets: torch.Tensor) -> Dict[str, torch.Tensor]:
        hit = targets.gather(1, logits.argmax(dim=1)[:, None]).squeeze(1) > 0.5
        out = {f'{self.name}_acc': hit.float().mean()}
        ap = batch_mean_ap(logits.float(), targets)
        if ap is not None:
            out[f'{self.name}_mAP'] = ap
        return out


def batch_mean_ap(scores: torch.Tensor, targets: torch.Tensor) -> Optional[torch.Tensor]:
    """Mean average precision over the tags with >= 1 positive in the batch (None if none).

    MMAction2's ``mean_average_precision`` on the batch (a monitoring value, logged only).
    """
    pos = targets > 0.5
    valid = pos.any(dim=0)
    if not valid.any():
        return None
    ap = mean_average_precision(list(scores[:, valid].detach().float().cpu().numpy()),
                                list(pos[:, valid].cpu().numpy().astype(np.float64)))
    return scores.new_tensor(float(ap))
