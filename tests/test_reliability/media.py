"""Small real media for the bad-input campaign, written into a case's tmp folder.

The good videos are the project's test media (``tests/data/videos``); the bad ones are
corrupted copies of them or clips written here with OpenCV's ``mp4v`` writer (never PNGs
through OpenCV: decord's bundled zlib breaks OpenCV's libpng, see
``mmdebias/preparation/bias_benchmark.py``)."""
import os.path as osp
import shutil
from pathlib import Path

import cv2
import numpy as np

DATA = osp.join(osp.dirname(osp.dirname(osp.abspath(__file__))), 'data')
PART_0 = osp.join(DATA, 'videos', 'part_0.mp4')  # 32 frames, 256 x 340 when decoded
TEST_AVI = osp.join(DATA, 'videos', 'test.avi')  # 164 frames, 240 x 320
DEMO_JPG = osp.join(DATA, 'images', 'demo.jpg')


def copy(tmp: Path, name: str = 'clip.mp4', source: str = PART_0) -> str:
    """A good video copied to ``tmp/name`` (sub-folders created)."""
    dst = Path(tmp) / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, dst)
    return str(dst)


def zero_byte(tmp: Path, name: str = 'zero.mp4') -> str:
    dst = Path(tmp) / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(b'')
    return str(dst)


def truncated(tmp: Path, name: str = 'truncated.mp4', size: int = 20000) -> str:
    """The first ``size`` bytes of part_0.mp4 (its index is at the end: cannot open)."""
    dst = Path(tmp) / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(Path(PART_0).read_bytes()[:size])
    return str(dst)


def garbage(tmp: Path, name: str = 'garbage.mp4', size: int = 50000) -> str:
    dst = Path(tmp) / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(np.random.default_rng(0).integers(0, 256, size, np.uint8).tobytes())
    return str(dst)


def corrupt_middle(tmp: Path, name: str = 'corrupt.mp4') -> str:
    """part_0.mp4 with its middle 80 kB zeroed: opens (32 frames), fails to decode
    (``avcodec_send_packet``)."""
    dst = Path(tmp) / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    data = bytearray(Path(PART_0).read_bytes())
    data[40000:120000] = bytes(80000)
    dst.write_bytes(bytes(data))
    return str(dst)


def frames(num: int, height: int = 64, width: int = 64, seed: int = 0) -> np.ndarray:
    """``num`` random RGB uint8 frames with a moving bright square (so codecs keep detail)."""
    rng = np.random.default_rng(seed)
    out = rng.integers(0, 60, (num, height, width, 3), dtype=np.uint8)
    side = max(2, min(height, width) // 4)
    for t in range(num):
        x = (t * 3) % max(1, width - side)
        out[t, height // 3:height // 3 + side, x:x + side] = 230
    return out


def write(tmp: Path, name: str, clip: np.ndarray, fps: float = 25.0,
          gray: bool = False) -> str:
    """Write RGB ``clip`` [T, H, W, 3] (or [T, H, W] with ``gray``) as mp4v."""
    dst = Path(tmp) / name
    dst.parent.mkdir(parents=True, exist_ok=True)
    height, width = clip.shape[1:3]
    writer = cv2.VideoWriter(str(dst), cv2.VideoWriter_fourcc(*'mp4v'), fps, (width, height),
                             isColor=not gray)
    assert writer.isOpened(), dst
    for frame in clip:
        writer.write(frame if gray else cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    writer.release()
    return str(dst)


def png(path, array: np.ndarray) -> str:
    """Write a PNG with Pillow (8-bit L / RGB, or 16-bit ``I;16`` for uint16 arrays)."""
    from PIL import Image
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array).save(path)  # uint16 [H, W] -> mode I;16
    return str(path)
