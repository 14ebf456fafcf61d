import os
import os.path as osp
import socket

import pytest
import torch

from mmaction.utils import register_all_modules

import mmdebias  # noqa: F401  (registers all components)

# mmengine builds data preprocessors from the default scope, as a Runner with
# default_scope='mmaction' would.
register_all_modules(init_default_scope=True)

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
DATA_DIR = osp.join(REPO_ROOT, 'tests', 'data')

# One compute thread per pytest-xdist worker (tools/run_tests.sh runs one worker per core);
# up to two threads in a single-process run.
if os.environ.get('PYTEST_XDIST_WORKER'):
    torch.set_num_threads(1)
else:
    torch.set_num_threads(min(2, os.cpu_count() or 1))


@pytest.fixture
def repo_root():
    return REPO_ROOT


@pytest.fixture
def data_dir():
    return DATA_DIR


@pytest.fixture
def free_port():
    """A TCP port on 127.0.0.1 that the OS reports free now, for a DDP rendezvous (a fixed
    port fails when two test sessions, or a leftover process, use it at the same time)."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def pytest_configure(config):
    config.addinivalue_line(
        'markers', 'slow: subprocess, DDP and end-to-end tests (still run by .ci/run; '
        "deselect with -m 'not slow' for a quick loop)")
