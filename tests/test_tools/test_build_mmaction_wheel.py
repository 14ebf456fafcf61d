"""tools/build_mmaction_wheel.py: the repaired mmaction2 wheel is PyPI's plus the DRN
placeholder, with a RECORD pip accepts (every file hashed), and an installed module imports."""
import base64
import hashlib
import importlib.util
import os.path as osp
import sys
import zipfile

import pytest

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


@pytest.fixture(scope='module')
def tool():
    sys.path.insert(0, osp.join(ROOT, 'tools'))
    try:
        spec = importlib.util.spec_from_file_location(
            'build_mmaction_wheel', osp.join(ROOT, 'tools', 'build_mmaction_wheel.py'))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.path.remove(osp.join(ROOT, 'tools'))


def _wheel(path, files):
    with zipfile.ZipFile(path, 'w') as z:
        for name, data in files.items():
            z.writestr(name, data)
        z.writestr('mmaction2-1.2.0.dist-info/RECORD', 'stale,,\n')


def test_repair_adds_drn_and_rewrites_record(tool, tmp_path):
    src, out = str(tmp_path / 'in.whl'), str(tmp_path / 'out.whl')
    metadata = b'Name: mmaction2\nVersion: 1.2.0\nRequires-Dist: einops\n'
    _wheel(src, {'mmaction/__init__.py': b'x = 1\n',
                 'mmaction2-1.2.0.dist-info/METADATA': metadata})
    tool.repair(src, out)
    with zipfile.ZipFile(out) as z:
        files = {n: z.read(n) for n in z.namelist()}
    assert files['mmaction2-1.2.0.dist-info/METADATA'] == metadata  # dependencies kept
    assert files['mmaction/__init__.py'] == b'x = 1\n'
    drn = files['mmaction/models/localizers/drn/drn.py'].decode()
    assert 'class DRN' in drn and 'raise RuntimeError' in drn
    record = files.pop('mmaction2-1.2.0.dist-info/RECORD').decode().splitlines()
    assert record[-1] == 'mmaction2-1.2.0.dist-info/RECORD,,'
    hashed = dict(line.split(',', 1) for line in record[:-1])
    assert set(hashed) == set(files)
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=')
        assert hashed[name] == f'sha256={digest.decode()},{len(data)}'


def test_repair_refuses_a_wheel_that_has_drn(tool, tmp_path):
    src = str(tmp_path / 'in.whl')
    _wheel(src, {'mmaction/models/localizers/drn/drn.py': b''})
    with pytest.raises(SystemExit, match='already has mmaction/models/localizers/drn'):
        tool.repair(src, str(tmp_path / 'out.whl'))


def test_repair_refuses_another_wheel(tool, tmp_path):
    src = str(tmp_path / 'in.whl')
    with zipfile.ZipFile(src, 'w') as z:
        z.writestr('other/__init__.py', b'')
    with pytest.raises(SystemExit, match='no mmaction2-1.2.0.dist-info/RECORD'):
        tool.repair(src, str(tmp_path / 'out.whl'))
