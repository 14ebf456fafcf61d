"""Conversions of the data-sample fields the metrics read (tensors on any device)."""
import numpy as np
import torch


def to_numpy(scores) -> np.ndarray:
    """Class scores (tensor on any device, or array-like) as a float32 numpy array."""
    if isinstance(scores, torch.Tensor):
        scores = scores.detach().cpu().numpy()
    return np.asarray(scores, dtype=np.float32)


def to_label(label) -> int:
    """A single label (int, or a tensor / array holding one value) as an int."""
    if isinstance(label, (torch.Tensor, np.ndarray)):
        count = label.numel() if isinstance(label, torch.Tensor) else label.size
        if count != 1:
            raise ValueError(f'expected a single label, got {label}')
        return int(label.item())
    return int(label)
