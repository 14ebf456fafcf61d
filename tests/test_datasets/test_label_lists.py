import json

import pytest

from mmdebias.datasets.label_lists import read_class_list, read_label_table, ucf101_class_of


def test_class_lists(tmp_path):
    ind = tmp_path / 'classInd.txt'
    ind.write_text('1 ApplyEyeMakeup\n2 HandstandPushups\n\n')
    assert read_class_list(str(ind)) == {'applyeyemakeup': 0, 'handstandpushups': 1}
    names = tmp_path / 'label_map.txt'
    names.write_text('abseiling\nair drumming\n')
    assert read_class_list(str(names)) == {'abseiling': 0, 'air drumming': 1}
    albar = tmp_path / 'action_classes.json'
    albar.write_text(json.dumps({'classes': {'Basketball': 2, 'ApplyEyeMakeup': 1}}))
    assert read_class_list(str(albar)) == {'basketball': 1, 'applyeyemakeup': 0}
    names.write_text('abseiling\nAbseiling\n')
    with pytest.raises(ValueError, match='label_map.txt:2: class .* listed twice'):
        read_class_list(str(names))
    assert ucf101_class_of('v_HandStandPushups_g05_c02__3.zip') == 'HandStandPushups'
    assert ucf101_class_of('brush_hair_0') is None


def test_label_tables(tmp_path):
    lst = tmp_path / 'val.txt'
    lst.write_text('brush_hair/a_goo_0.avi 3\nk/b 120 4\n')
    assert read_label_table(str(lst)) == {'a_goo_0': (3, 1), 'b': (4, 2)}
    csv = tmp_path / 'hmdb51_labels.csv'
    csv.write_text('class,filename,label\nbrush_hair,a_goo_0.avi,3\n')
    assert read_label_table(str(csv)) == {'a_goo_0': (3, 2)}
    lst.write_text('a.avi x\n')
    with pytest.raises(ValueError, match='val.txt:1: the label must be an integer'):
        read_label_table(str(lst))
    lst.write_text('a.avi 1\nb.avi\n')
    with pytest.raises(ValueError, match='val.txt:2: expected "path label"'):
        read_label_table(str(lst))
    csv.write_text('name,label\n')
    with pytest.raises(ValueError, match='hmdb51_labels.csv:1: a label CSV needs'):
        read_label_table(str(csv))
    with pytest.raises(FileNotFoundError, match='nope.txt'):
        read_label_table(str(tmp_path / 'nope.txt'))
