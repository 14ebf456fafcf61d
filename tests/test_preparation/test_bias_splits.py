import json

import numpy as np
import pytest

from mmdebias.datasets.pseudo_labels import save_pseudo_labels
from mmdebias.preparation.bias_splits import (facet_split, omnidebias_select,
                                            random_split_like, read_items)
from mmdebias.evaluation.functional import nmi as nmi_of

# class 0: scene 0 common, 1 and 2 rare; class 1: scene 3 common, 2 and 1 rare
LABELS = [0] * 12 + [1] * 12
SCENES = [0] * 6 + [1] * 3 + [2] * 3 + [3] * 6 + [2] * 3 + [1] * 3


def test_omnidebias_thirds_known_answer():
    parts = omnidebias_select(LABELS, SCENES, seed=0)
    scenes = {k: sorted(SCENES[i] for i in v) for k, v in parts.items()}
    assert scenes['bias'] == [0] * 4 + [3] * 4
    assert scenes['mid'] == sorted([0, 0, 1, 1, 3, 3, 1, 1])
    assert scenes['unbias'] == sorted([1, 2, 2, 2, 1, 2, 2, 2])
    assert sorted(parts['bias'] + parts['mid'] + parts['unbias']) == list(range(24))
    assert len(parts['rand']) == 8 and len(set(parts['rand'])) == 8
    assert sum(LABELS[i] for i in parts['rand']) == 4  # 4 per class
    nmi = {k: nmi_of([LABELS[i] for i in v], [SCENES[i] for i in v])
           for k, v in parts.items()}
    assert nmi['bias'] == pytest.approx(1.0) and nmi['unbias'] == pytest.approx(0.0, abs=1e-9)
    assert nmi['unbias'] < nmi['rand'] < nmi['bias']
    assert omnidebias_select(LABELS, SCENES, seed=0) == parts  # deterministic


def test_uneven_class_sizes_use_array_split():
    parts = omnidebias_select([0] * 5, [0, 0, 0, 1, 2])
    assert [len(parts[k]) for k in ('bias', 'mid', 'unbias', 'rand')] == [2, 2, 1, 1]
    assert parts['unbias'] == [4]  # scene 2: rarest, higher id on the tie with scene 1


def test_facet_split_whole_groups_known_answer():
    labels = [0] * 9 + [1] * 9 + [2] * 4
    facets = [0] * 5 + [1] * 2 + [2, 3] + [4] * 5 + [5] * 2 + [2, 3] + [6] * 4
    train, test, skipped = facet_split(labels, facets, min_test=2)
    assert sorted(facets[i] for i in test) == [2, 2, 3, 3]
    assert sorted(facets[i] for i in train) == [0] * 5 + [1] * 2 + [4] * 5 + [5] * 2
    assert list(skipped) == [2]  # one facet group only
    train3, test3, _ = facet_split(labels, facets, min_test=3)  # 2 + 3 -> then group 1 (2)
    assert sorted(facets[i] for i in test3 if labels[i] == 0) == [1, 1, 2, 3]
    sub, _, _ = facet_split(labels, facets, min_test=2, train_per_class=3, seed=1)
    assert len(sub) == 6 and set(sub) <= set(train)
    r_train, r_test = random_split_like(labels, train, test, seed=0)
    assert len(r_train) == len(train) and len(r_test) == len(test)
    assert not set(r_train) & set(r_test)
    nmi = lambda idx: nmi_of([labels[i] for i in idx], [facets[i] for i in idx])  # noqa
    # train: action determines the facet group set; MI = H(Y) = ln 2, H(A) of [5, 2, 5, 2]/14
    p = np.array([5, 2, 5, 2]) / 14
    h_a = -(p * np.log(p)).sum()
    assert nmi(train) == pytest.approx(2 * np.log(2) / (np.log(2) + h_a))
    assert nmi(test) == pytest.approx(0.0, abs=1e-9)  # both classes: facets {2, 3}
    assert nmi(test) <= nmi(r_test) and nmi(r_train) <= nmi(train)
    with pytest.raises(ValueError, match='min_test'):
        facet_split(labels, facets, min_test=0)


def test_read_items_formats_and_errors(tmp_path):
    txt = tmp_path / 'web.txt'
    txt.write_text('a/x.mp4 3 7\nb/y.mp4 100 1 2\n')
    items = read_items(str(txt))
    assert [(i['line'], i['label'], i['facet']) for i in items] == [
        ('a/x.mp4 3', 3, 7), ('b/y.mp4 100 1', 1, 2)]
    js = tmp_path / 'web.json'
    js.write_text(json.dumps([{'filename': 'x.jpg', 'label': 2, 'scene': 5}]))
    assert read_items(str(js))[0]['line'] == 'x.jpg 2'
    npz = str(tmp_path / 'scene.npz')
    probs = np.array([[0.1, 0.9], [0.8, 0.2]])
    save_pseudo_labels(npz, ['a/x.mp4', 'b/y.mp4'], probs)
    plain = tmp_path / 'plain.txt'
    plain.write_text('a/x.mp4 3\nb/y.mp4 1\n')
    items = read_items(str(plain), npz, data_root=str(tmp_path))
    assert [i['facet'] for i in items] == [1, 0] and items[0]['line'] == 'a/x.mp4 3'
    plain.write_text('a/z.mp4 3\n')
    with pytest.raises(ValueError, match="'a/z.mp4'.*extract_pseudo_labels"):
        read_items(str(plain), npz, data_root=str(tmp_path))
    txt.write_text('a/x.mp4 3\n')
    with pytest.raises(ValueError, match=r'web.txt:1: expected "path label scene"'):
        read_items(str(txt))
    txt.write_text('a/x.mp4 3 kitchen\n')
    with pytest.raises(ValueError, match='must be integers'):
        read_items(str(txt))
