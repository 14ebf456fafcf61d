import torch

from .checks import check_finite
from ...utils.checks import check_choice

#: ``'released'``: the reduction of ALBAR's released code; ``'l2'``: a per-sample L2 norm.
GP_MODES = ('released', 'l2')


def gp_mode(mode: str) -> str:
    """The name of a gradient-penalty mode in :data:`GP_MODES`; anything else is an error
    (the 0.1 development name ``'faithful'`` names ``'released'`` in the message)."""
    if mode == 'faithful':
        raise ValueError("gradient penalty mode 'faithful' was renamed 'released' (the same "
                         "reduction, that of ALBAR's released code); set gp_mode='released'")
    check_choice(mode, GP_MODES, 'gradient penalty mode')
    return mode


def static_gradient_penalty(scores: torch.Tensor, inputs: torch.Tensor,
                            mode: str = 'released', layout: str = 'NCTHW') -> torch.Tensor:
    r"""ALBAR's static-clip gradient penalty (Fioresi et al., ICLR 2025).

    With :math:`g = \partial (\sum_{b,c} s_{bc}) / \partial x_s` taken with
    ``create_graph=True`` (so the penalty itself is differentiated, a double backward), and
    ``g`` arranged as ``[B, C, T, H, W]``:

    - ``released`` (the reduction of the authors' released code):
      :math:`\mathrm{mean}_{b,w} \sqrt{\sum_{c,t,h} g_{bcthw}^2 + 10^{-12}}` -- the norm runs
      over C, T, H only and the mean over batch and width; not squared, no "-1" target.
    - ``l2`` (per-sample norm): :math:`\mathrm{mean}_b \sqrt{\sum_{c,t,h,w} g_{bcthw}^2 +
      10^{-12}}`.

    Args:
        scores (Tensor): Static-clip logits ``[B, K]``, a function of ``inputs``.
        inputs (Tensor): Static clips with ``requires_grad=True``: ``[B, V, C, T, H, W]``
            (``layout='NCTHW'``, the V views are folded into the batch) or TSN's
            ``[B, S, C, H, W]`` (``layout='NCHW'``, the S segments play the role of T).
        mode (str): ``'released'`` or ``'l2'``.
        layout (str): ``'NCTHW'`` or ``'NCHW'``.

    Returns:
        Tensor: scalar penalty (float32).

    Raises ``ValueError`` for a NaN / inf pixel of the static clips or logit (naming the
    samples), for inputs whose rank does not match ``layout``, for scores that do not depend
    on ``inputs`` and for a non-finite penalty: each would otherwise make the loss NaN.
    """
    mode = gp_mode(mode)
    check_choice(layout, tuple(_RANKS), 'static_gradient_penalty: layout')
    rank, shape_name = _RANKS[layout]
    if inputs.dim() != rank:
        raise ValueError(f'static_gradient_penalty(layout={layout!r}) expects static clips '
                         f'{shape_name}, got shape {tuple(inputs.shape)}')
    if not inputs.requires_grad:
        raise ValueError('static_gradient_penalty needs inputs with requires_grad=True, set '
                         'before the forward pass that produced the scores.')
    check_finite(inputs, 'static_gradient_penalty: the static clips (inputs)', 'sample')
    check_finite(scores, 'static_gradient_penalty: the static-clip logits')
    try:
        (grad, ) = torch.autograd.grad(
            scores.float().sum(), inputs, create_graph=True)
    except RuntimeError as error:
        if 'not have been used in the graph' not in str(error):
            raise
        raise ValueError('static_gradient_penalty: the scores do not depend on the inputs; '
                         'compute them from the static clips after inputs.requires_grad_(True)'
                         ) from error
    grad = grad.float()
    if layout == 'NCTHW':
        grad = grad.flatten(0, 1)  # [B*V, C, T, H, W]
    else:
        grad = grad.transpose(1, 2)  # [B, S, C, H, W] -> [B, C, S, H, W]
    if mode == 'released':
        norms = torch.sqrt(grad.pow(2).sum(dim=(1, 2, 3)) + 1e-12)  # [B, W]
    else:
        norms = torch.sqrt(grad.pow(2).flatten(1).sum(dim=1) + 1e-12)  # [B]
    penalty = norms.mean()
    check_finite(penalty[None], 'static_gradient_penalty: the penalty (input gradients)')
    return penalty


_RANKS = {'NCTHW': (6, '[B, V, C, T, H, W]'), 'NCHW': (5, '[B, S, C, H, W]')}
