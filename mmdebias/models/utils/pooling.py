"""Per-clip feature vectors from the feature maps a recognizer hands to its head."""
from typing import Optional

import torch


def pooled_features(feats, batch_size: int) -> torch.Tensor:
    """``[N, C]`` averages of ``[N, C, ...]`` maps, of ``[N * segs, C, ...]`` maps (TSN
    without a neck: the segments of a clip are averaged too) or of a tuple of them (SlowFast:
    pathways concatenated along C)."""
    if isinstance(feats, (tuple, list)):
        return torch.cat([pooled_features(f, batch_size) for f in feats], dim=1)
    x = feats.flatten(2).mean(dim=2) if feats.dim() > 2 else feats
    if x.shape[0] != batch_size:
        x = x.view(batch_size, -1, x.shape[1]).mean(dim=1)
    return x


def last_stage_map(x, owner: str) -> Optional[torch.Tensor]:
    """The last map of the per-stage maps a neck gets from ``Recognizer2D`` (a backbone with
    ``out_indices`` of two or more stages: a list of ``[N, C, segs, H, W]``), or None if
    ``x`` is not such a list. Per-frame ``[N * segs, C, H, W]`` maps in the list (a backbone
    with one output) are a ``ValueError`` naming ``owner`` and the fix."""
    if not (isinstance(x, list) and x and all(isinstance(t, torch.Tensor) for t in x)):
        return None
    last = x[-1]
    if last.dim() != 5:
        raise ValueError(
            f'{owner}: Recognizer2D passed per-frame maps of shape {tuple(last.shape)}; it '
            'expects per-stage maps [N, C, segs, H, W]. Set model.backbone.out_indices to two '
            'stages, e.g. (2, 3).')
    return last
