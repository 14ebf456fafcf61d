"""Import the project's scripts (``tools/``, ``demo/``) in tests: they are files, not
modules of the package."""
import importlib.util
import os.path as osp
import sys
from typing import Optional

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))


def load_script(relpath: str, name: Optional[str] = None, register: bool = False):
    """Import ``<repo>/<relpath>`` as a module named ``name`` (default: the file's stem).

    ``register=True`` also puts it into ``sys.modules``, which worker processes need when
    they unpickle the script's functions by module name.
    """
    name = name or osp.splitext(osp.basename(relpath))[0]
    spec = importlib.util.spec_from_file_location(name, osp.join(REPO_ROOT, relpath))
    module = importlib.util.module_from_spec(spec)
    if register:
        sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def run_python(args, cwd: str, timeout: int = 600) -> str:
    """Run ``python <args>`` (this interpreter) in ``cwd`` with one compute thread; assert it
    succeeds (the output's tail in the message otherwise) and return stdout + stderr."""
    import os
    import subprocess
    env = dict(os.environ, PYTHONUNBUFFERED='1', OMP_NUM_THREADS='1')
    proc = subprocess.run([sys.executable] + list(args), cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout + proc.stderr
