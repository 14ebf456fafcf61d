import numpy as np
import pytest
import torch

from mmdebias.evaluation.metrics.utils import to_label, to_numpy


def test_to_label_accepts_single_values_only():
    assert to_label(torch.tensor([3])) == 3
    assert to_label(torch.tensor(2)) == 2
    assert to_label(np.array([1])) == 1
    assert to_label(4) == 4
    with pytest.raises(ValueError, match='single label'):
        to_label(torch.tensor([0, 1]))


def test_to_numpy():
    out = to_numpy(torch.tensor([0.5, 1.5], dtype=torch.float64, requires_grad=True))
    assert out.dtype == np.float32 and out.tolist() == [0.5, 1.5]
