import pytest

from tests.scripts import load_script


def load_tool(name):
    return load_script(f'tools/data/{name}.py')


def _web_list(tmp_path):
    # class 0: scene 0 common, 1 and 2 rare; class 1: scene 3 common, 2 and 1 rare
    scenes = {0: [0] * 6 + [1] * 3 + [2] * 3, 1: [3] * 6 + [2] * 3 + [1] * 3}
    lines = [f'web/c{y}_{i}.mp4 {y} {s}' for y, ss in scenes.items() for i, s in enumerate(ss)]
    path = tmp_path / 'web.txt'
    path.write_text('\n'.join(lines) + '\n')
    return path


def test_writes_thirds_and_nmi_pattern(tmp_path, capsys):
    scores = load_tool('omnidebias_select').main([str(_web_list(tmp_path)),
                                                  str(tmp_path / 'out')])
    out = capsys.readouterr().out
    assert 'unbias' in out and 'NMI(action, scene)' in out
    assert scores['bias'] == pytest.approx(1.0) and scores['unbias'] == pytest.approx(0, abs=1e-9)
    assert scores['unbias'] < scores['rand'] < scores['bias']
    parts = {k: (tmp_path / 'out' / f'web_{k}.txt').read_text().splitlines()
             for k in ('bias', 'mid', 'unbias', 'rand')}
    assert all(len(v) == 8 for v in parts.values())
    assert parts['bias'][0] == 'web/c0_0.mp4 0'  # scene field dropped: an MMAction2 line
    everything = sorted(parts['bias'] + parts['mid'] + parts['unbias'])
    assert len(set(everything)) == 24
    # rarest scenes per class (ties broken by scene id): class 0 items 8-11, class 1 6-8, 11
    assert sorted(parts['unbias']) == sorted(
        [f'web/c0_{i}.mp4 0' for i in (8, 9, 10, 11)] +
        [f'web/c1_{i}.mp4 1' for i in (6, 7, 8, 11)])


def test_a_one_class_one_scene_part_has_nmi_zero(tmp_path):
    # the degenerate case of the project's one NMI: constant labels and facets give 0.0
    # (scikit-learn's normalized_mutual_info_score would say 1.0, "perfectly biased")
    path = tmp_path / 'one.txt'
    path.write_text(''.join(f'web/{i}.mp4 0 5\n' for i in range(6)))
    scores = load_tool('omnidebias_select').main([str(path), str(tmp_path / 'out')])
    assert scores == {'bias': 0.0, 'mid': 0.0, 'unbias': 0.0, 'rand': 0.0}


def test_bad_line_names_file_line_and_fix(tmp_path):
    bad = tmp_path / 'bad.txt'
    bad.write_text('web/a.mp4 0\n')
    with pytest.raises(ValueError, match=r'bad.txt:1: expected "path label scene".*'
                                         r'pass the pseudo-label .npz'):
        load_tool('omnidebias_select').main([str(bad), str(tmp_path)])
