"""Per-clip feature vectors from the feature maps a recognizer hands to its head."""
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
