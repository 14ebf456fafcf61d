import json

import pytest

from tests.scripts import load_script


def write(tmp_path, name, metrics):
    path = tmp_path / name
    path.write_text(json.dumps(metrics))
    return str(path)


def test_mean_over_splits(tmp_path, capsys):
    tool = load_script('tools/analysis/mean_over_splits.py')
    files = [write(tmp_path, f's{i}.json', {'acc/top1': v, 'acc/top5': 0.9, 'note': 'x'})
             for i, v in enumerate([0.80, 0.70, 0.75])]
    out = tmp_path / 'mean.json'
    result = tool.main(files + ['--out', str(out)])
    assert result['summary']['acc/top1'] == dict(mean=pytest.approx(0.75),
                                                 std=pytest.approx(0.0408, abs=1e-4), n=3)
    assert set(result['summary']) == {'acc/top1', 'acc/top5'}  # the numeric ones
    assert json.loads(out.read_text())['per_split']['acc/top1'] == [0.8, 0.7, 0.75]
    assert '0.7500 +- 0.0408' in capsys.readouterr().out
    assert set(tool.main(files + ['--keys', 'acc/top1'])['summary']) == {'acc/top1'}


def test_mean_over_splits_bad_inputs(tmp_path):
    tool = load_script('tools/analysis/mean_over_splits.py')
    good = write(tmp_path, 'a.json', {'acc/top1': 0.8})
    other = write(tmp_path, 'b.json', {'acc/top5': 0.8})
    with pytest.raises(KeyError, match="b.json has no metric 'acc/top1'"):
        tool.main([good, other, '--keys', 'acc/top1'])
    with pytest.raises(ValueError, match='share no numeric metric'):
        tool.main([good, other])
    bad = tmp_path / 'c.json'
    bad.write_text('{oops')
    with pytest.raises(ValueError, match='c.json is not JSON'):
        tool.main([good, str(bad)])
    with pytest.raises(FileNotFoundError, match='d.json does not exist'):
        tool.main([good, str(tmp_path / 'd.json')])
    nan = write(tmp_path, 'e.json', {'acc/top1': float('nan')})
    with pytest.raises(ValueError, match='is not a number'):
        tool.main([good, nan])
