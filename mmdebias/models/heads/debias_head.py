import inspect
from typing import Callable, Dict, List, Optional, Tuple, Union

import torch
from mmaction.registry import MODELS
from mmaction.utils import ConfigType, SampleList
from mmengine.model import BaseModule

from ..losses.checks import check_finite
from ..objectives.base_objective import (BaseObjective, DebiasContext, hard_labels,
                                         per_sample_cross_entropy)
from ..utils import paired_views, use_stock_head_keys
from ...utils.checks import check_choice

WEIGHT_NORMS = ('sum', 'mean')
#: Constructor arguments of an objective that DebiasHead fills in from the wrapped head.
FILLED_ARGS = ('num_classes', 'in_channels')


@MODELS.register_module()
class DebiasHead(BaseModule):
    r"""A stock MMAction2 head plus a list of debiasing objectives that compose.

    ::

        cls_head=dict(type='DebiasHead', head=<stock head cfg>, objectives=[
            dict(type='ALBARObjective', loss_entropy_weight=4.25),
            dict(type='MaskConfusionObjective', mode='paper'),
            dict(type='ProductOfExpertsObjective', expert=dict(type='FrameExpert'))])

    In training, with main logits :math:`z = f(x)` and labels :math:`y`, every objective
    :math:`o` may adjust the logits of the main loss (:math:`z \leftarrow a_o(z)`, e.g. a
    product of experts), weigh it per sample (:math:`w_b = \prod_o w_{o,b}`), leave samples
    out of it (:math:`b \in S`, e.g. SDN's human-masked clips) and add terms:

    .. math::

        L = s\,\frac{\sum_{b \in S} w_b\,CE(a(z)_b, y_b)}{\sum_{b \in S} w_b} + \sum_o L_o

    (``weight_norm='mean'`` divides by the batch size instead of :math:`\sum_b w_b`;
    :math:`s = \prod_o s_o` scales the main loss, e.g. ALBAR's :math:`w_t`, or 0 while a bias
    model warms up). With no objective that adjusts or weighs, the main loss is the wrapped
    head's own ``loss_by_feat`` on the samples in :math:`S` (label smoothing, class weights
    and all); with none left, a zero that still depends on every parameter. Objectives share
    one :class:`DebiasContext`: the static clips' pass through the backbone runs at most once
    per step, whichever objectives use it. At test time predictions are the wrapped head's.

    With ``HumanMask(mode='pair')`` every sample carries two views (original clip, masked
    copy): the main loss and the objectives see the original view, an objective may ask for
    the other (``ctx.view_scores(1)``); for TSN without a neck the ``2 * segs`` frames of a
    sample are split into the two views before the consensus.

    Checkpoints keep the stock keys (``cls_head.fc_cls.weight``) for the wrapped head; the
    objectives' own parameters (a bias model, a released-mode confusion classifier) are
    saved under ``cls_head.objectives.<i>.`` and are not needed by a plain recognizer (load
    such a checkpoint into it with ``--non-strict``, or strip them).

    How the static clips reach the backbone: objectives that score them (ALBAR) call
    ``ctx.static_scores()``, which runs the ``view_pass`` that :class:`DebiasRecognizer3D` /
    :class:`DebiasRecognizer2D` hand to :meth:`loss` for the call (a separate pass through
    the backbone and the neck); the head keeps no reference to its recognizer. Objectives
    that only need the static clips themselves (a product of experts on static frames) work
    in a stock recognizer.
    :class:`ALBARHead` and :class:`HumanMaskConfusionHead` are presets of this head with one
    objective each; objectives are listed, never nested.

    Args:
        head (dict): Config of the wrapped stock head.
        objectives (list[dict]): Configs of the objectives (``ALBARObjective``,
            ``MaskConfusionObjective``, ``ProductOfExpertsObjective``,
            ``BiasReweightObjective``, ``SampleWeightObjective``, ...); ``num_classes`` and
            ``in_channels`` are filled in from the wrapped head where an objective takes
            them. Defaults to none (the stock head).
        weight_norm (str): ``'sum'`` (divide the weighted main loss by the sum of the
            weights) or ``'mean'`` (by the batch size). Defaults to ``'sum'``.
        init_cfg (dict, optional): Init config.
    """

    def __init__(self, head: ConfigType, objectives: Optional[List[dict]] = None,
                 weight_norm: str = 'sum', init_cfg: Optional[dict] = None) -> None:
        super().__init__(init_cfg=init_cfg)
        name = type(self).__name__
        check_choice(weight_norm, WEIGHT_NORMS, f'{name}: weight_norm')
        self.weight_norm = weight_norm
        if not isinstance(head, dict) or 'type' not in head:
            raise TypeError(f'{name}(head=...) needs the config dict of the head to wrap, '
                            "e.g. head=dict(type='I3DHead', num_classes=400, in_channels=2048).")
        inner = MODELS.get(head['type']) if isinstance(head['type'], str) else head['type']
        if isinstance(inner, type) and issubclass(inner, DebiasHead):
            raise TypeError(
                f"{name}(head=dict(type='{head['type']}')): debiasing heads do not nest. Wrap "
                "the stock head once and list the methods as objectives: cls_head=dict(type="
                "'DebiasHead', head=<stock head>, objectives=[dict(type='ALBARObjective'), "
                "dict(type='MaskConfusionObjective'), ...]).")
        self.head = MODELS.build(head)
        if objectives is not None and not isinstance(objectives, (list, tuple)):
            raise TypeError(f'{name}: objectives must be a list of config dicts, got '
                            f'{objectives!r}; wrap a single one in a list: objectives=['
                            f"{objectives!r}] (e.g. [dict(type='ALBARObjective')]).")
        objectives = list(objectives or [])
        for i, cfg in enumerate(objectives):
            if not isinstance(cfg, dict) or 'type' not in cfg:
                raise TypeError(f'{name}: objectives[{i}] must be a config dict with a '
                                f'type, got {cfg!r}.')
            args = _init_args(cfg['type'])
            filled = {key: getattr(self.head, key) for key in FILLED_ARGS
                      if key in args and key not in cfg and hasattr(self.head, key)}
            objectives[i] = dict(cfg, **filled)
        self.objectives = torch.nn.ModuleList([MODELS.build(cfg) for cfg in objectives])
        for i, objective in enumerate(self.objectives):
            if not isinstance(objective, BaseObjective):
                raise TypeError(
                    f"{name}: objectives[{i}] (type='{type(objective).__name__}') is not a "
                    'debiasing objective (a BaseObjective subclass: ALBARObjective, '
                    'MaskConfusionObjective, ...). Losses and adversaries go elsewhere: '
                    "the wrapped head's loss_cls, or a neck (AdversarialAspectNeck).")
        use_stock_head_keys(self, own=('objectives', ))

    @property
    def num_classes(self) -> int:
        return self.head.num_classes

    @property
    def uses_static_clips(self) -> bool:
        return any(o.needs_static_clips for o in self.objectives)

    def set_gradient_penalty_scale(self, scale: float) -> None:
        """Forwarded to the objectives that have a gradient penalty (GradientPenaltyHook's
        schedule: their ``loss_gp_weight`` times ``scale`` for the next steps)."""
        found = [o for o in self.objectives if hasattr(o, 'set_gradient_penalty_scale')]
        if not found:
            raise RuntimeError('GradientPenaltyHook needs an objective with a gradient penalty: '
                               "add dict(type='ALBARObjective') to DebiasHead.objectives.")
        for objective in found:
            objective.set_gradient_penalty_scale(scale)

    def forward(self, x, **kwargs) -> torch.Tensor:
        return self.head(x, **kwargs)

    def predict(self, feats, data_samples: SampleList, **kwargs) -> SampleList:
        return self.head.predict(feats, data_samples, **kwargs)

    def loss(self, feats: Union[torch.Tensor, Tuple[torch.Tensor]],
             data_samples: SampleList, view_pass: Optional[Callable] = None,
             **kwargs) -> Dict:
        """Training losses. ``view_pass(inputs, head, static_bn)`` (given by
        :class:`DebiasRecognizer3D` / ``2D``) scores an extra view of the batch, e.g. the
        static clips, through the recognizer; other keyword arguments are the recognizer's
        (``num_segs``, ``loss_aux``) and go to the wrapped head."""
        views = paired_views(data_samples)
        if views > 1 and kwargs.get('num_segs', 1) > 1:
            # TSN without a neck: the 2 * segs frames of a sample are [original, masked]
            kwargs = dict(kwargs, num_segs=kwargs['num_segs'] // views)
        # float32 logits for the losses (bf16 autocast)
        scores = self.head(feats, **kwargs).float()
        check_finite(scores, f'{type(self).__name__}: motion-clip logits', 'sample')
        ctx = DebiasContext(self, feats, scores, data_samples, kwargs, view_pass)
        losses = self._main_loss(ctx)
        for objective in self.objectives:
            for key, value in objective.loss(ctx).items():
                if key in losses:
                    raise KeyError(f'DebiasHead: two objectives return {key!r}; give them '
                                   'distinct loss names.')
                losses[key] = value
        return losses

    def _main_loss(self, ctx: DebiasContext) -> Dict:
        scores = ctx.scores
        main_scores, weights, keep, scale = scores, None, None, 1.0
        for objective in self.objectives:
            main_scores = objective.adjust_scores(ctx, main_scores)
            w = objective.sample_weights(ctx)
            if w is not None:
                weights = w if weights is None else weights * w
            m = objective.main_loss_mask(ctx)
            if m is not None:
                keep = m if keep is None else keep & m
            scale = scale * objective.main_loss_weight(ctx)
        if keep is not None and not bool(keep.any()):
            # nothing left: a zero that still depends on every parameter (DDP)
            return dict(loss_cls=ctx.all_scores.sum() * 0.0)
        if main_scores is scores and weights is None:
            if keep is None:
                losses = self.head.loss_by_feat(scores, ctx.data_samples)
            else:
                rows = keep.nonzero().flatten().tolist()
                losses = self.head.loss_by_feat(scores[keep],
                                                [ctx.data_samples[i] for i in rows])
        else:
            per_sample = per_sample_cross_entropy(main_scores, ctx.labels)
            if keep is not None:
                weights = keep.float() if weights is None else weights * keep
            if weights is None:
                loss = per_sample.mean()
            else:
                weights = weights.detach().float()
                norm = weights.sum().clamp_min(1e-12) if self.weight_norm == 'sum' else \
                    weights.numel()
                loss = (weights * per_sample).sum() / norm
            losses = dict(loss_cls=loss)
            with torch.no_grad():
                losses['top1_acc'] = (scores.argmax(1) == hard_labels(ctx.labels)).float().mean()
        if scale != 1.0:  # (0: switched off, every parameter still in the graph)
            losses = {k: v * scale if 'loss' in k else v for k, v in losses.items()}
        return losses


def _init_args(type_name) -> tuple:
    cls = MODELS.get(type_name) if isinstance(type_name, str) else type_name
    if cls is None:
        return ()
    return tuple(inspect.signature(cls.__init__).parameters)
