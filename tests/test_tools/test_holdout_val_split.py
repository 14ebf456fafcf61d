import subprocess
import sys
from collections import Counter


def test_holdout_split_is_per_class_and_disjoint(tmp_path, repo_root):
    ann = tmp_path / 'train_list.txt'
    lines = [f'c{c}/v{i}.mp4 {c}' for c in range(3) for i in range(10 + c)] + ['solo.mp4 7']
    ann.write_text('\n'.join(lines) + '\n')
    subprocess.run([sys.executable, 'tools/data/holdout_val_split.py', str(ann)],
                   cwd=repo_root, check=True, capture_output=True)
    train = (tmp_path / 'train_list_trainsub.txt').read_text().split('\n')[:-1]
    hold = (tmp_path / 'train_list_holdout.txt').read_text().split('\n')[:-1]
    assert sorted(train + hold) == sorted(lines) and not set(train) & set(hold)
    per_class = Counter(line.split()[-1] for line in hold)
    assert per_class == Counter({'0': 1, '1': 1, '2': 1})  # 10% rounded, at least one
    assert 'solo.mp4 7' in train  # a single-item class stays in training


def test_holdout_split_rejects_unlabelled_lines(tmp_path, repo_root):
    ann = tmp_path / 'bad.txt'
    ann.write_text('video_without_label.mp4\n')
    proc = subprocess.run([sys.executable, 'tools/data/holdout_val_split.py', str(ann)],
                          cwd=repo_root, capture_output=True, text=True)
    assert proc.returncode != 0 and 'line 1 has no label' in proc.stderr
