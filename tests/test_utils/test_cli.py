import argparse
import os.path as osp
import warnings

import pytest
from mmengine.registry import DefaultScope

from mmdebias.utils import safe_checkpoint_loading
from mmdebias.utils.cli import (add_runner_arguments, check_at_least, check_fraction,
                                checkpoint_loading, load_config, parse_runner_args,
                                set_launcher_and_work_dir)


def _parser():
    parser = argparse.ArgumentParser(prog='tool')
    parser.add_argument('config')
    parser.add_argument('--work-dir')
    parser.add_argument('--batch-size', type=int, default=8)
    parser.add_argument('--max-frames', type=int, default=None)
    parser.add_argument('--min-score', type=float, default=0.5)
    add_runner_arguments(parser)
    return parser


def test_runner_arguments_and_work_dir(monkeypatch):
    from mmengine.config import Config
    monkeypatch.delenv('LOCAL_RANK', raising=False)
    args = parse_runner_args(_parser(), ['cfgs/a_b.py', '--cfg-options', 'x=1',
                                         '--launcher', 'pytorch', '--local-rank', '3'])
    assert args.cfg_options == dict(x=1) and not args.unsafe_load_checkpoint
    import os
    assert os.environ['LOCAL_RANK'] == '3'
    cfg = Config(dict())
    set_launcher_and_work_dir(cfg, args)
    assert cfg.launcher == 'pytorch' and cfg.work_dir == osp.join('./work_dirs', 'a_b')
    cfg = Config(dict(work_dir='own'))
    set_launcher_and_work_dir(cfg, args)
    assert cfg.work_dir == 'own'
    args.work_dir = 'given'
    set_launcher_and_work_dir(cfg, args)
    assert cfg.work_dir == 'given'


@pytest.mark.parametrize('argv, fragments', [
    (['--batch-size', '0'], ['--batch-size must be >= 1', 'got 0']),
    (['--max-frames', '-2'], ['--max-frames must be >= 1 (all)', 'got -2']),
    (['--min-score', '1.5'], ['--min-score must be a fraction in [0, 1] (p)', 'got 1.5']),
])
def test_range_checks_name_the_option_and_value(argv, fragments, capsys):
    parser = _parser()
    args = parser.parse_args(['c.py'] + argv)
    with pytest.raises(SystemExit) as exit_info:
        check_at_least(parser, args, ('batch_size', ))
        check_at_least(parser, args, ('max_frames', ), hint=' (all)')
        check_fraction(parser, args, ('min_score', ), ' (p)')
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert all(f in err for f in fragments), err


def test_range_checks_pass_in_range_and_unset_values():
    parser = _parser()
    args = parser.parse_args(['c.py', '--min-score', '1.0'])
    check_at_least(parser, args, ('batch_size', 'max_frames'))  # max_frames None: not given
    check_at_least(parser, args, ('batch_size', ), low=8)
    check_fraction(parser, args, ('min_score', ))


def test_checkpoint_loading_selects_the_scoped_loader():
    assert type(checkpoint_loading()) is type(safe_checkpoint_loading())
    assert checkpoint_loading(False).gen.__name__ == 'safe_checkpoint_loading'
    assert checkpoint_loading(True).gen.__name__ == 'unsafe_checkpoint_loading'
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        with checkpoint_loading(True):
            pass


def test_load_config_merges_options_and_sets_the_scope(tmp_path):
    path = tmp_path / 'c.py'
    path.write_text("default_scope = 'mmaction'\nmodel = dict(type='A', depth=1)\n")
    cfg = load_config(str(path), {'model.depth': 2}, 'tool')
    assert cfg.model.depth == 2
    assert DefaultScope.get_current_instance().scope_name == 'mmaction'
    assert load_config(str(path), None, 'tool', init_scope=False).model.depth == 1
    with pytest.raises(FileNotFoundError, match=r'tool: config .*missing\.py does not exist'):
        load_config(str(tmp_path / 'missing.py'), None, 'tool')
