"""Finiteness checks of the loss inputs: a NaN / inf logit or pixel is an error naming the
rows and the fix, raised before the backward pass, so one bad batch never turns the
parameters into NaN without a word.

Each check is one ``torch.isfinite(...).all()`` (a device sync per loss call)."""
import torch

NAN_FIX = ('the network produced NaN/inf: look for NaN pixels in the inputs, lower the '
           'learning rate (or clip gradients: optim_wrapper.clip_grad), or check the loaded '
           'checkpoint; a step on this loss would turn the parameters into NaN')


def check_finite(tensor: torch.Tensor, what: str, unit: str = 'row') -> None:
    """Raise ``ValueError`` naming ``what`` and the first bad rows (dim 0) if ``tensor``
    holds a NaN or an infinity."""
    finite = torch.isfinite(tensor.detach())
    if bool(finite.all()):
        return
    rows = (~finite).reshape(finite.shape[0], -1).any(dim=1).nonzero().flatten()
    raise ValueError(f'{what} are non-finite (NaN/inf) in {unit}(s) {rows[:10].tolist()} of '
                     f'a tensor of shape {tuple(tensor.shape)}: {NAN_FIX}.')


def check_class_labels(labels: torch.Tensor, num_classes: int, data_samples,
                       what: str) -> None:
    """Raise ``ValueError`` naming the samples whose hard class label (``labels``: ``[B]``
    integers) is outside ``[0, num_classes)``: torch's cross entropy says only ``Target 7 is
    out of bounds`` on a CPU, and stops the process with a device-side assert on a GPU.
    (:class:`~mmdebias.engine.DatasetCheckHook` checks the annotation files before the run;
    this catches labels from anywhere else.)"""
    from ..utils import describe_sample
    if labels.dim() != 1 or labels.is_floating_point():
        return
    bad = ((labels < 0) | (labels >= num_classes)).nonzero().flatten().tolist()
    if bad:
        named = '; '.join(f'{describe_sample(data_samples[i])}: label {int(labels[i])}'
                          for i in bad[:5])
        raise ValueError(f'{what}: class labels outside [0, {num_classes}) in sample(s) {bad[:10]} '
                         f'({named}); fix the annotation file (class indices 0 .. '
                         f'{num_classes - 1}) or set cls_head.num_classes to the number of '
                         'classes of the dataset.')
