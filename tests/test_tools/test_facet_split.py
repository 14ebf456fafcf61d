import json

import pytest

from tests.test_tools.test_omnidebias_select import load_tool


def test_facet_split_tool_known_answer_and_nmi_pattern(tmp_path, capsys):
    records = []
    facets = {0: [0] * 5 + [1] * 2 + [2, 3], 1: [4] * 5 + [5] * 2 + [2, 3], 2: [6] * 4}
    for y, fs in facets.items():
        records += [dict(filename=f'v/{y}_{i}.mp4', label=y, scene=f) for i, f in enumerate(fs)]
    path = tmp_path / 'k.json'
    path.write_text(json.dumps(records))
    scores = load_tool('facet_split').main([str(path), str(tmp_path / 'out'), '--min-test',
                                            '2'])
    out = capsys.readouterr().out
    assert 'class 2 dropped' in out
    test = (tmp_path / 'out' / 'k_test.txt').read_text().splitlines()
    train = (tmp_path / 'out' / 'k_train.txt').read_text().splitlines()
    assert sorted(test) == ['v/0_7.mp4 0', 'v/0_8.mp4 0', 'v/1_7.mp4 1', 'v/1_8.mp4 1']
    assert len(train) == 14 and not set(train) & set(test)
    assert scores['test'] == pytest.approx(0.0, abs=1e-9)
    assert scores['test'] <= scores['rand_test'] and scores['rand_train'] <= scores['train']
    assert scores['train'] > scores['test']
    with pytest.raises(SystemExit, match='lower --min-test'):
        load_tool('facet_split').main([str(path), str(tmp_path / 'o2'), '--min-test', '9'])
