"""atomic_write: the target holds either nothing, the previous file or the complete new one;
never a partial file, and no temporary file is left behind."""
import json
import os

import numpy as np
import pytest

from mmdebias.utils import atomic_write


def test_the_file_appears_complete_and_nothing_else_is_left(tmp_path):
    target = tmp_path / 'sub' / 'entries.json'  # the folder is created
    with atomic_write(str(target)) as tmp:
        assert not target.exists()  # nothing at the target while writing
        assert tmp.endswith('.json') and os.path.dirname(tmp) == str(tmp_path / 'sub')
        with open(tmp, 'w') as f:
            json.dump([1, 2], f)
    assert json.loads(target.read_text()) == [1, 2]
    assert os.listdir(tmp_path / 'sub') == ['entries.json']


def test_a_failing_writer_leaves_no_partial_file(tmp_path):
    target = tmp_path / 'labels.npz'
    with pytest.raises(RuntimeError, match='disk full'):
        with atomic_write(str(target)) as tmp:
            with open(tmp, 'wb') as f:
                f.write(b'PK\x03\x04 half an archive')
            raise RuntimeError('disk full')
    assert os.listdir(tmp_path) == []


def test_a_failed_rewrite_keeps_the_previous_version(tmp_path):
    target = tmp_path / 'list.txt'
    target.write_text('a.mp4 0\n')
    with pytest.raises(KeyboardInterrupt):
        with atomic_write(str(target)) as tmp, open(tmp, 'w') as f:
            f.write('b.mp4 1\n')
            raise KeyboardInterrupt  # an interrupted run, not only an Exception
    assert target.read_text() == 'a.mp4 0\n' and os.listdir(tmp_path) == ['list.txt']


def test_writers_that_choose_by_extension_write_the_target_itself(tmp_path):
    # np.savez appends '.npz' to a path without it: the temporary path keeps the extension
    target = tmp_path / 'det.npz'
    with atomic_write(str(target)) as tmp:
        np.savez(tmp, boxes=np.eye(4))
    assert os.listdir(tmp_path) == ['det.npz']
    with np.load(target) as f:
        assert np.array_equal(f['boxes'], np.eye(4))


def test_a_writer_that_wrote_nothing_is_an_error(tmp_path):
    target = tmp_path / 'clip.mp4'
    with pytest.raises(FileNotFoundError, match='no file for .*clip.mp4'):
        with atomic_write(str(target)):
            pass
    assert os.listdir(tmp_path) == []


def test_temporary_names_are_hidden_and_unique(tmp_path):
    target = str(tmp_path / 'part_0001.npz')
    with atomic_write(target) as first, atomic_write(target) as second:
        assert first != second  # parallel writers of one file do not collide
        assert os.path.basename(first).startswith('.')  # globs like part_*.npz skip it
        for path in (first, second):
            np.savez(path, done=np.arange(3))
    assert os.listdir(tmp_path) == ['part_0001.npz']


def test_write_json(tmp_path):
    from mmdebias.utils import write_json
    path = tmp_path / 'out' / 'r.json'
    write_json(str(path), dict(a=[1, 2]))
    assert json.loads(path.read_text()) == dict(a=[1, 2]) and '\n "a"' in path.read_text()
    with pytest.raises(TypeError):
        write_json(str(path), dict(a=object()))  # not serialisable: the old file stays
    assert json.loads(path.read_text()) == dict(a=[1, 2])
    assert sorted(p.name for p in path.parent.iterdir()) == ['r.json']
