import pytest

from mmdebias.utils.list_files import class_index, load_json


def test_load_json_reads_and_names_file_line_and_expectation(tmp_path):
    good = tmp_path / 'good.json'
    good.write_text('{"a": [1, 2]}')
    assert load_json(str(good), 'an object') == {'a': [1, 2]}
    bad = tmp_path / 'bad.json'
    bad.write_text('[\n  {"a": 1,\n')
    with pytest.raises(ValueError, match=r'bad\.json: not valid JSON \(.*line 3, column 1\); '
                       r'expected a JSON list\.'):
        load_json(str(bad), 'a JSON list')
    empty = tmp_path / 'empty.json'
    empty.write_text('  \n')
    with pytest.raises(ValueError, match=r'empty\.json: not valid JSON \(the file is empty'):
        load_json(str(empty), 'a JSON list')


@pytest.mark.parametrize('text, line, message', [
    ('x', 'v.mp4 x\n', r"l\.txt:3: the label must be an integer class index, got 'x' "
     r"\(line 'v\.mp4 x'\)"),
    ('1.5', None, r"l\.txt:3: the label must be an integer class index, got '1\.5'$"),
    ('-1', 'v.mp4 -1', r'l\.txt:3: the label must be a class index >= 0, got -1'),
])
def test_class_index_errors(text, line, message):
    with pytest.raises(ValueError, match=message):
        class_index(text, 'l.txt:3', line)


def test_class_index_values():
    assert class_index('0', 'w') == 0 and class_index(' 7 ', 'w') == 7
