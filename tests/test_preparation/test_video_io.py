import os

import numpy as np
import pytest

from mmdebias.preparation.video_io import read_video, read_video_list, write_video


def clip(height=32, width=32, frames=4):
    rng = np.random.default_rng(0)
    video = np.repeat(rng.integers(0, 256, (1, height, width, 3), dtype=np.uint8), frames, 0)
    video[:, 8:24, 8:24] = [250, 10, 10]  # a red square
    return video


def test_write_video_rgb_and_bgr_give_the_same_file(tmp_path):
    frames = clip()
    write_video(str(tmp_path / 'rgb.mp4'), frames, fps=8)
    write_video(str(tmp_path / 'bgr.mp4'), frames[..., ::-1].copy(), fps=8,
                channel_order='bgr', verify=False)
    assert (tmp_path / 'rgb.mp4').read_bytes() == (tmp_path / 'bgr.mp4').read_bytes()
    decoded, fps, total = read_video(str(tmp_path / 'rgb.mp4'))
    assert decoded.shape == frames.shape and total == 4 and fps == pytest.approx(8)
    assert decoded[0, 16, 16, 0] > 200 and decoded[0, 16, 16, 2] < 60  # still red (RGB)


def test_a_video_decord_cannot_read_back_leaves_nothing(tmp_path):
    # decord 0.6 decodes 16 x 16 mp4v clips into the wrong number of channels
    with pytest.raises(IOError, match='tiny.mp4.*another output size'):
        write_video(str(tmp_path / 'tiny.mp4'), clip(16, 16), fps=8)
    assert os.listdir(tmp_path) == []
    with pytest.raises(ValueError, match='uint8'):
        write_video(str(tmp_path / 'float.mp4'), clip().astype(np.float32), fps=8)


def test_read_video_list_with_and_without_labels(tmp_path):
    (tmp_path / 'my clip.mp4').write_bytes(b'')
    listing = tmp_path / 'list.txt'
    listing.write_text('my clip.mp4 3\n\nb/c.mp4 0\n')
    assert read_video_list(str(listing)) == [('my clip.mp4', 3), ('b/c.mp4', 0)]
    assert read_video_list(str(listing), data_root='root') == [
        (os.path.join('root', 'my clip.mp4'), 3), (os.path.join('root', 'b/c.mp4'), 0)]
    # labels optional: the path is resolved against existing files (spaces allowed)
    assert read_video_list(str(listing), str(tmp_path), labels=False) == [
        (str(tmp_path / 'my clip.mp4'), None), (str(tmp_path / 'b/c.mp4'), None)]


@pytest.mark.parametrize('text, labels, match', [
    ('', True, r'list.txt: no videos.*"filename label"'),
    ('\n \n', False, r'list.txt: no videos.*"path \[label\]"'),
    ('a.mp4\n', True, r'list.txt:1: expected "filename label"'),
    ('a.mp4 x\n', True, r"list.txt:1: the label must be an integer.*'x'"),
    ('a.mp4 -2\n', True, r'list.txt:1: the label must be a class index >= 0, got -2')])
def test_read_video_list_errors_name_the_file_and_line(tmp_path, text, labels, match):
    listing = tmp_path / 'list.txt'
    listing.write_text(text)
    with pytest.raises(ValueError, match=match):
        read_video_list(str(listing), labels=labels)
