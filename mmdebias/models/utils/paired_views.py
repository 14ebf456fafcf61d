"""How many views a training sample carries (``HumanMask(mode='pair')`` makes two)."""
from mmaction.utils import SampleList

PAIRED_FLAG = 'human_mask_paired'


def paired_views(data_samples: SampleList) -> int:
    """2 if every data sample is flagged ``human_mask_paired`` (original + masked view, in
    that order, sample-major), 1 if none is; a mixed batch is an error."""
    flags = [bool(s.get(PAIRED_FLAG, False)) for s in data_samples]
    if not any(flags):
        return 1
    if not all(flags):
        raise ValueError(f'{sum(flags)} of {len(flags)} data samples are flagged '
                         f"'{PAIRED_FLAG}': use HumanMask(mode='pair') for the whole dataset "
                         "(and 'human_mask_paired' in PackActionInputs.algorithm_keys).")
    return 2
