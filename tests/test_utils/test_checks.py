import math
import re

import numpy as np
import pytest

from mmdebias.utils.checks import (UnknownKeyError, check_keys, check_probability,
                                   check_weight, close_key, edit_distance)


@pytest.mark.parametrize('value', [0, 0.0, 1, 2.5, np.float32(0.5), np.int64(3)])
def test_check_weight_accepts_finite_non_negative(value):
    assert check_weight(value, 'X: w') == float(value)


@pytest.mark.parametrize('value, why', [
    (math.nan, 'NaN'), (-1.0, 'negative'), (math.inf, 'infinite'), ('1', 'not a number'),
    (None, 'not a number'), (True, 'not a number'), (np.float64('nan'), 'NaN')])
def test_check_weight_refuses(value, why):
    with pytest.raises(ValueError) as info:
        check_weight(value, 'ALBARObjective: loss_static_weight')
    message = str(info.value)
    assert message.startswith('ALBARObjective: loss_static_weight must be a finite number >= 0')
    assert repr(value) in message and why in message and 'fix the value in the config' in message


def test_check_weight_positive_and_fix():
    with pytest.raises(ValueError, match=r'> 0, got 0 \(zero\); rewrite it'):
        check_weight(0, 'w', positive=True, fix='rewrite it')


@pytest.mark.parametrize('value', [math.nan, -0.1, 1.5, '0.5', None, False])
def test_check_probability_refuses(value):
    with pytest.raises(ValueError, match=r'prob must be a probability in \[0, 1\]'):
        check_probability(value, 'StillMixBlending: prob')


def test_edit_distance():
    assert edit_distance('label', 'label') == 0
    assert edit_distance('lable', 'label') == 1  # adjacent swap
    assert edit_distance('filname', 'filename') == 1
    assert edit_distance('scene_label', 'static_label') > 2


KNOWN = ['filename', 'label', 'video_id', 'pair_id', 'protocol', 'background', 'static_label']


@pytest.mark.parametrize('key, guess', [
    ('lable', 'label'), ('Label', 'label'), ('video-id', 'video_id'), ('videoid', 'video_id'),
    ('static_lable', 'static_label'), ('backgroud', 'background'), ('protocl', 'protocol'),
    ('scene_label', None), ('source', None), ('video', None), ('bg', None)])
def test_close_key(key, guess):
    assert close_key(key, KNOWN) == guess


def test_check_keys():
    check_keys(dict(filename='a', label=1, scene_label=3), KNOWN, 'f.json: entry 0')
    with pytest.raises(UnknownKeyError, match=r"f.json: entry 2: unknown key 'lable', did you "
                       r"mean 'label'\?"):
        check_keys(dict(filename='a', lable=1), KNOWN, 'f.json: entry 2')
    # a close key is fine when the entry gives the real one as well (an extra key)
    check_keys(dict(label=1, labels=[1, 2]), KNOWN, 'f.json: entry 0')
    assert issubclass(UnknownKeyError, ValueError)


def test_check_choice():
    from mmdebias.utils.checks import check_choice
    assert check_choice('a', ('a', 'b'), 'X: mode') == 'a'
    assert check_choice(None, ('a', ), 'X: mode', none_ok=True) is None
    with pytest.raises(ValueError, match=r"^X: mode must be one of \('a', 'b'\) \(hint\), "
                       r"got 'c'\.$"):
        check_choice('c', ('a', 'b'), 'X: mode', ' (hint)')
    with pytest.raises(ValueError, match=r"X: p must be one of \('a',\), got None"):
        check_choice(None, ('a', ), 'X: p')
    with pytest.raises(ValueError, match=r"must be None or one of \('a',\), got 'b'"):
        check_choice('b', ('a', ), 'X: p', none_ok=True)


def test_check_int():
    from mmdebias.utils.checks import check_int
    assert check_int(3, 'X: n', 1) == 3 and check_int(0, 'X: n') == 0
    assert check_int(None, 'X: n', 1, none_ok=True) is None
    for bad in (0, True, 1.0, '2', None):
        with pytest.raises(ValueError, match=rf"^X: n must be an int >= 1 \(h\), got "
                           rf"{re.escape(repr(bad))}\.$"):
            check_int(bad, 'X: n', 1, ' (h)')
    with pytest.raises(ValueError, match=r'X: n must be None or an int >= 2, got 1\.'):
        check_int(1, 'X: n', 2, none_ok=True)
