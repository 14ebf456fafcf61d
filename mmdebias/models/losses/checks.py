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
