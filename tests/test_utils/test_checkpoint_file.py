import pytest
import torch

from mmdebias.utils.checkpoint_file import check_checkpoint_file


def _saved(path, **kwargs):
    torch.save(dict(state_dict=dict(w=torch.arange(1000.0))), path, **kwargs)
    return path


@pytest.mark.parametrize('zip_format', [True, False])
def test_good_checkpoints_pass(tmp_path, zip_format):
    path = _saved(tmp_path / 'ok.pth', _use_new_zipfile_serialization=zip_format)
    check_checkpoint_file(str(path))  # no error
    assert torch.load(path, weights_only=True)['state_dict']['w'][-1] == 999


@pytest.mark.parametrize('content, error, fragments', [
    (b'', ValueError, ['0 bytes', 'interrupted']),
    ('half', ValueError, ['truncated', 'zip archive']),
    (b'version https://git-lfs.github.com/spec/v1\noid sha256:00\n', ValueError,
     ['Git LFS pointer', 'git lfs pull']),
    (b'<!DOCTYPE html><html>404</html>', ValueError, ['not a PyTorch checkpoint', 'HTML']),
    (b'\x00\x01garbage', ValueError, ['not a PyTorch checkpoint', "b'\\x00\\x01garb"]),
])
def test_bad_files_name_the_file_and_the_cause(tmp_path, content, error, fragments):
    path = tmp_path / 'my model.pth'
    if content == 'half':
        data = _saved(tmp_path / 'full.pth').read_bytes()
        content = data[:len(data) // 2]
    path.write_bytes(content)
    with pytest.raises(error) as info:
        check_checkpoint_file(str(path))
    for fragment in [str(path)] + fragments:
        assert fragment in str(info.value)


def test_missing_and_directory(tmp_path):
    with pytest.raises(FileNotFoundError, match='does not exist'):
        check_checkpoint_file(str(tmp_path / 'none.pth'))
    with pytest.raises(IsADirectoryError, match='is a directory'):
        check_checkpoint_file(str(tmp_path))


def test_mmengine_loading_path_uses_the_check(tmp_path):
    """load_from / --resume / tools/test.py go through mmengine's CheckpointLoader, whose
    local scheme mmdebias replaces inside safe_checkpoint_loading() (the project's tools load
    there; the import registers nothing)."""
    from mmengine.runner import load_checkpoint

    from mmdebias.utils import safe_checkpoint_loading
    path = tmp_path / 'zero.pth'
    path.write_bytes(b'')
    with pytest.raises(ValueError, match='zero.pth is empty'), safe_checkpoint_loading():
        load_checkpoint(torch.nn.Linear(2, 2), str(path), map_location='cpu')
