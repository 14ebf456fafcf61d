"""What :class:`DebiasRecognizer2D` / :class:`DebiasRecognizer3D` add to MMAction2's."""
from typing import Callable

import torch.nn as nn
from mmaction.utils import SampleList
from mmengine.model import merge_dict

from ..heads.debias_head import DebiasHead
from ..utils import static_pass_batchnorm


class DebiasRecognizerMixin:
    """Runs extra views (ALBAR's static clips) through this recognizer for its head.

    Put before MMAction2's ``Recognizer2D`` / ``Recognizer3D`` in the bases. It changes two
    things, both scoped to the model instance:

    - **Training loss.** Exactly ``BaseRecognizer.loss`` (features of the batch, the head's
      loss, the neck's auxiliary losses), except that a :class:`DebiasHead` also receives
      ``view_pass=self.view_scores`` for this call. Its objectives call it, when and if they
      need the static clips' logits (ALBAR), so that pass runs in the same place of the
      step as a term of the loss; nothing is stored on the head.
    - **Build-time setup.** After MMAction2 has built the parts, each part that defines
      ``setup_in_recognizer(recognizer)`` is called once (``SAARNeck`` in the
      ``'before_last_stage'`` placement registers its pre-hook on the backbone's last stage;
      the adversarial necks check ``backbone.out_indices``), and a static-clip sampler and
      the head are checked against each other (each needs the other).

    Checkpoint keys, test-time predictions and every other method are the parent
    recognizer's: a checkpoint of a debiasing model loads into the stock recognizer and back.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._check_static_clips()
        for module in list(self.modules()):
            setup = getattr(module, 'setup_in_recognizer', None)
            if module is not self and callable(setup):
                setup(self)

    def _check_static_clips(self) -> None:
        head = getattr(self, 'cls_head', None)
        preprocessor = self.data_preprocessor
        makes = getattr(preprocessor, 'makes_static_clips', False)
        uses = getattr(head, 'uses_static_clips', False)
        if uses and not makes:
            names = [type(o).__name__ for o in head.objectives if o.needs_static_clips]
            raise RuntimeError(
                f'{type(head).__name__} objectives {names} need static clips, but '
                f'model.data_preprocessor is {type(preprocessor).__name__}. Set '
                "model.data_preprocessor.type = 'StaticClipSampler' (same arguments as "
                'ActionDataPreprocessor).')
        if makes and not uses:
            raise RuntimeError(
                f'model.data_preprocessor ({type(preprocessor).__name__}) makes static clips '
                f'for ALBAR, but model.cls_head is {type(head).__name__}, which ignores them. '
                "Wrap the head: model.cls_head = dict(type='DebiasHead', head=<your head cfg>, "
                "objectives=[dict(type='ALBARObjective'), ...]) or dict(type='ALBARHead', "
                "head=<your head cfg>), or use the plain data_preprocessor type "
                "'ActionDataPreprocessor'.")

    def view_scores(self, inputs, head: Callable, static_bn: str = 'batch_stats'):
        """Logits of an extra view of the batch (e.g. ALBAR's static clips, same layout as
        the training inputs): a separate pass through the backbone and the neck, without
        data samples (necks compute no side loss on it), then ``head(feats, **kwargs)``.
        ``static_bn`` sets what BatchNorm layers do in the pass (``static_pass_batchnorm``).
        """
        with static_pass_batchnorm(self, static_bn):
            feats, kwargs = self.extract_feat(inputs)
            return head(feats, **kwargs)

    def loss(self, inputs, data_samples: SampleList, **kwargs) -> dict:
        """``BaseRecognizer.loss``, with :meth:`view_scores` lent to a :class:`DebiasHead`."""
        feats, loss_kwargs = self.extract_feat(inputs, data_samples=data_samples)
        # loss_aux is an empty dict without a neck
        loss_aux = loss_kwargs.get('loss_aux', dict())
        head: nn.Module = self.cls_head
        if isinstance(head, DebiasHead):
            loss_cls = head.loss(feats, data_samples, view_pass=self.view_scores,
                                 **loss_kwargs)
        else:
            loss_cls = head.loss(feats, data_samples, **loss_kwargs)
        return merge_dict(loss_cls, loss_aux)
