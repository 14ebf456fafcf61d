"""What the project's command-line tools share: their common arguments, the checks of
numeric arguments and the loading of a config.

- :func:`add_runner_arguments` / :func:`parse_runner_args` / :func:`set_launcher_and_work_dir`:
  the arguments and the work-dir rule of ``tools/train.py`` and ``tools/test.py`` (as in
  MMAction2's own scripts: ``--work-dir`` wins, then the config's ``work_dir``, then
  ``./work_dirs/<config name>``);
- :func:`add_unsafe_load_argument` / :func:`checkpoint_loading`: the explicit opt-in to
  unpickle a legacy checkpoint, and the scoped loading it selects
  (:func:`~mmdebias.utils.safe_checkpoint_loading` or
  :func:`~mmdebias.utils.unsafe_checkpoint_loading`);
- :func:`check_at_least` / :func:`check_fraction`: out-of-range numbers are
  ``parser.error`` (exit status 2) naming the option and the value, before anything runs;
- :func:`load_config`: ``Config.fromfile`` with ``--cfg-options`` merged and mmengine's
  default scope set, for the tools that build a model without a ``Runner``.

Nothing here runs at import time.
"""
import argparse
import os
import os.path as osp
from typing import ContextManager, Iterable, Optional

from mmengine.config import Config, DictAction
from mmengine.registry import init_default_scope

from .safe_checkpoint import safe_checkpoint_loading, unsafe_checkpoint_loading


def _flag(name: str) -> str:
    return '--' + name.replace('_', '-')


def add_unsafe_load_argument(parser: argparse.ArgumentParser) -> None:
    """``--unsafe-load-checkpoint``: read by :func:`checkpoint_loading`."""
    parser.add_argument('--unsafe-load-checkpoint', action='store_true',
                        help='load legacy checkpoints with weights_only=False: only for files '
                        'you trust, unpickling can run arbitrary code')


def checkpoint_loading(unsafe: bool = False) -> ContextManager:
    """The scoped checkpoint loading a tool runs its loads in: safe (torch's ``weights_only``
    with mmengine's own types allowed) unless ``unsafe`` (``--unsafe-load-checkpoint``)."""
    return unsafe_checkpoint_loading() if unsafe else safe_checkpoint_loading()


def add_runner_arguments(parser: argparse.ArgumentParser) -> None:
    """``--cfg-options``, ``--launcher``, ``--unsafe-load-checkpoint`` and ``--local-rank``
    of the Runner-based tools (``tools/train.py``, ``tools/test.py``)."""
    parser.add_argument('--cfg-options', nargs='+', action=DictAction,
                        help='override config entries, key=value')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm', 'mpi'],
                        default='none', help='job launcher')
    add_unsafe_load_argument(parser)
    parser.add_argument('--local_rank', '--local-rank', type=int, default=0)


def parse_runner_args(parser: argparse.ArgumentParser, argv=None) -> argparse.Namespace:
    """Parse, and export ``LOCAL_RANK`` for the launcher (unless the launcher set it)."""
    args = parser.parse_args(argv)
    os.environ.setdefault('LOCAL_RANK', str(args.local_rank))
    return args


def set_launcher_and_work_dir(cfg: Config, args: argparse.Namespace) -> None:
    """``cfg.launcher`` from ``--launcher``; ``cfg.work_dir`` from ``--work-dir``, else the
    config's own, else ``./work_dirs/<config file name without extension>``."""
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs', osp.splitext(osp.basename(args.config))[0])


def check_at_least(parser: argparse.ArgumentParser, args: argparse.Namespace,
                   names: Iterable[str], low: int = 1, hint: str = '') -> None:
    """``parser.error`` if an argument of ``names`` is below ``low`` (None: not given);
    ``hint`` is inserted after the bound."""
    for name in names:
        value = getattr(args, name)
        if value is not None and value < low:
            parser.error(f'{_flag(name)} must be >= {low}{hint}, got {value}')


def check_fraction(parser: argparse.ArgumentParser, args: argparse.Namespace,
                   names: Iterable[str], hint: str = '') -> None:
    """``parser.error`` if an argument of ``names`` lies outside ``[0, 1]`` (None: not
    given); ``hint`` is inserted after the range."""
    for name in names:
        value = getattr(args, name)
        if value is not None and not 0.0 <= value <= 1.0:
            parser.error(f'{_flag(name)} must be a fraction in [0, 1]{hint}, got {value}')


def load_config(path: str, cfg_options: Optional[dict] = None, tool: str = 'mmdebias',
                init_scope: bool = True) -> Config:
    """``Config.fromfile(path)`` with ``cfg_options`` merged and, with ``init_scope``,
    mmengine's default scope set to the config's ``default_scope`` (``'mmaction'`` if it has
    none). A missing file is a ``FileNotFoundError`` naming ``tool`` and the path."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'{tool}: config {path} does not exist.')
    cfg = Config.fromfile(path)
    if cfg_options:
        cfg.merge_from_dict(cfg_options)
    if init_scope:
        init_default_scope(cfg.get('default_scope', 'mmaction'))
    return cfg
