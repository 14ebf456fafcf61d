import json

import pytest

from mmdebias.datasets.transforms import LoadSampleWeight


def _file(tmp_path, table):
    path = tmp_path / 'w.json'
    path.write_text(json.dumps(table) if not isinstance(table, str) else table)
    return str(path)


def test_weights_by_relative_path(tmp_path):
    path = _file(tmp_path, {'a/x.mp4': 2.5, 'b.mp4': 1})
    t = LoadSampleWeight(path, data_root=str(tmp_path))
    assert t(dict(filename=str(tmp_path / 'a' / 'x.mp4')))['sample_weight'] == 2.5
    assert LoadSampleWeight(path)(dict(filename='/any/b.mp4'))['sample_weight'] == 1.0


def test_missing_video_is_an_error_unless_default(tmp_path):
    path = _file(tmp_path, {'a.mp4': 2.0})
    with pytest.raises(KeyError, match='c.mp4'):
        LoadSampleWeight(path)(dict(filename='c.mp4'))
    assert LoadSampleWeight(path, default=1.0)(dict(filename='c.mp4'))['sample_weight'] == 1.0


@pytest.mark.parametrize('content, match', [
    ('{not json', 'not valid JSON'), ('[]', 'non-empty JSON object'), ('{}', 'non-empty'),
    ('{"a.mp4": -1}', 'finite number >= 0'), ('{"a.mp4": "x"}', 'finite number >= 0'),
    ('{"a.mp4": NaN}', 'finite number >= 0')])
def test_bad_files_name_the_file(tmp_path, content, match):
    path = _file(tmp_path, content)
    with pytest.raises(ValueError, match=match):
        LoadSampleWeight(path)(dict(filename='a.mp4'))


def test_missing_file_and_bad_default(tmp_path):
    with pytest.raises(FileNotFoundError, match='make_sample_weights'):
        LoadSampleWeight(str(tmp_path / 'nope.json'))(dict(filename='a.mp4'))
    with pytest.raises(ValueError, match='default'):
        LoadSampleWeight('w.json', default=float('inf'))
