"""tools/data/make_sample_weights.py: JTT weights from dumped predictions, oracle weights from
MotionShapes' alignment field."""
import json
import os
import pickle

import numpy as np
import pytest

from tests.scripts import load_script


@pytest.fixture(scope='module')
def tool():
    return load_script('tools/data/make_sample_weights.py')


def test_jtt_up_weights_the_clips_the_first_model_got_wrong(tool, tmp_path):
    (tmp_path / 'train.txt').write_text('a.mp4 0\nmy clip.mp4 1\nc.mp4 2\n')
    preds = [dict(pred_score=np.eye(3)[0], gt_label=np.array([0])),  # right
             dict(pred_score=np.eye(3)[2], gt_label=np.array([1])),  # wrong
             dict(pred_score=np.eye(3)[2], gt_label=np.array([2]))]  # right
    with open(tmp_path / 'preds.pkl', 'wb') as f:
        pickle.dump(preds, f)
    out = tmp_path / 'weights.json'
    table = tool.main([str(out), '--predictions', str(tmp_path / 'preds.pkl'), '--ann-file',
                       str(tmp_path / 'train.txt'), '--up', '5'])
    assert table == {'a.mp4': 1.0, 'my clip.mp4': 5.0, 'c.mp4': 1.0}
    assert json.loads(out.read_text()) == table
    assert sorted(os.listdir(tmp_path)) == ['preds.pkl', 'train.txt', 'weights.json']
    (tmp_path / 'short.txt').write_text('a.mp4 0\n')
    with pytest.raises(ValueError, match='3 predictions but .*short.txt lists 1'):
        tool.main([str(out), '--predictions', str(tmp_path / 'preds.pkl'), '--ann-file',
                   str(tmp_path / 'short.txt')])


def test_oracle_weights_balance_the_groups(tool, tmp_path):
    entries = [dict(filename=f'{i}.mp4', aligned=i < 6) for i in range(8)]
    (tmp_path / 'train_full.json').write_text(json.dumps(entries))
    table = tool.main([str(tmp_path / 'w.json'), '--annotations',
                       str(tmp_path / 'train_full.json')])
    assert [table[f'{i}.mp4'] for i in range(8)] == [1.0] * 6 + [3.0, 3.0]  # 6 / 2
