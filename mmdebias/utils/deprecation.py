r"""Deprecated forms of the 0.1 development, and when they go.

One name, one meaning per argument: where an argument was renamed, the old keyword still
builds the same module for a while, with a ``FutureWarning`` that names the new keyword and
the removal date :data:`REMOVAL_DATE`. Renamed so far:

- ``alpha`` -> ``grl_lambda`` for the strength of a gradient reversal layer
  (:class:`~mmdebias.models.utils.GradientReversal`, the adversaries, the human-mask
  confusion objective / head, ``GRLScheduleHook``): :math:`\lambda` in Ganin & Lempitsky
  (ICML 2015) and in SDN (Choi et al., NeurIPS 2019). ``alpha`` keeps the one meaning it
  has in MMAction2's ``MixupBlending`` / ``CutmixBlending``: the Beta-distribution
  parameter of a blending (StillMix, VideoMix).
- the compact ``aspects=[...]`` / ``preset=`` form of ``AdversarialAspectNeck``.
"""
import warnings

#: Deprecated forms are removed after this date (and no earlier than mmdebias 0.3).
REMOVAL_DATE = '2027-06-30'


def renamed_argument(where: str, old: str, new: str, old_value, new_value, default,
                     stacklevel: int = 3):
    """The value of an argument renamed from ``old`` to ``new``.

    ``old_value`` is the deprecated keyword's value (``None``: not given), ``new_value`` the
    new keyword's, ``default`` the new keyword's default. The old keyword alone gives its
    value and a ``FutureWarning``; both keywords with different values is a ``ValueError``.

    Args:
        where (str): The component, for the messages (e.g. ``'AspectAdversary'``).
        old (str): The deprecated keyword.
        new (str): The keyword that replaces it.
        old_value: The deprecated keyword's value, ``None`` when not given.
        new_value: The new keyword's value.
        default: The new keyword's default.
        stacklevel (int): For :func:`warnings.warn`, counted from the caller of this function.

    Returns:
        The value to use.
    """
    if old_value is None:
        return new_value
    if new_value != default and new_value != old_value:
        raise ValueError(f'{where}: {old}={old_value!r} and {new}={new_value!r} name the same '
                         f'argument ({old} is its deprecated name); give only {new}.')
    warnings.warn(f'{where}: {old}= is deprecated and will be removed after {REMOVAL_DATE}; '
                  f'use {new}={old_value!r} (the same value, the same model).', FutureWarning,
                  stacklevel=stacklevel)
    return old_value
