import os.path as osp
import zipfile
from typing import Dict, List

from mmaction.registry import TRANSFORMS
from mmcv.transforms import BaseTransform

# frame files a clip archive may hold; anything else in it (folders, __MACOSX/ resource
# forks, text files) is not a frame
FRAME_EXTENSIONS = ('.jpg', '.jpeg', '.png', '.bmp')


def is_frame_name(name: str) -> bool:
    """Whether a zip member / file name is a frame image (not a folder, not macOS junk)."""
    base = name.rsplit('/', 1)[-1]
    return (not name.endswith('/') and not name.startswith('__MACOSX/')
            and not base.startswith('._') and base.lower().endswith(FRAME_EXTENSIONS))


def zip_frame_names(path: str) -> List[str]:
    """The frame members of the zip ``path`` in clip order: ``sorted`` names (string order,
    as ALBAR's loader sorts ``ZipFile.namelist()``).

    Raises ``FileNotFoundError`` / ``ValueError`` naming the file when it is missing, is not
    a zip archive or holds no frame images."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'clip archive {path} does not exist')
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(f'{path} is not a readable zip archive ({error}); replace it with '
                         'the released file (a zip of the clip\'s jpg frames).') from None
    frames = sorted(name for name in names if is_frame_name(name))
    if not frames:
        shown = ', '.join(names[:5]) or 'nothing'
        raise ValueError(f'{path}: the zip holds no frame images ({"/".join(FRAME_EXTENSIONS)}'
                         f'); it holds {shown}. Replace it with the released clip archive.')
    return frames


@TRANSFORMS.register_module()
class ZipFrameInit(BaseTransform):
    """Open a clip stored as a zip of frame images, or a single image, for
    :class:`ZipFrameDecode` (ALBAR's release of SCUBA / SCUFO, Fioresi et al., ICLR 2025).

    ``filename`` is either a ``.zip`` archive of jpg (or png) frames -- the frames are its
    image members in ``sorted`` name order, the order of ALBAR's loader -- or an image file
    (``.jpg`` / ``.jpeg`` / ``.png``), a clip of one frame: ALBAR's SCUFO frame. A following
    ``SampleFrames`` then samples ``total_frames`` as for a video; from a one-frame clip every
    sampled index is 0 (its default ``out_of_bound_opt='loop'``), so the frame is repeated
    over the whole clip, as ALBAR's loader repeats it. Nothing is unpacked to disk: only the
    zip's directory is read here.

    Required keys: ``filename``. Added keys: ``total_frames``, ``zip_frames`` (the member
    names in clip order, None for an image file).
    """

    def transform(self, results: Dict) -> Dict:
        path = results['filename']
        if path.lower().endswith('.zip'):
            results['zip_frames'] = zip_frame_names(path)
            results['total_frames'] = len(results['zip_frames'])
        elif is_frame_name(osp.basename(path)):
            if not osp.isfile(path):
                raise FileNotFoundError(f'ZipFrameInit: frame {path} does not exist')
            results['zip_frames'] = None
            results['total_frames'] = 1
        else:
            raise ValueError(f'ZipFrameInit: {path} is neither a .zip clip archive nor an '
                             f'image ({"/".join(FRAME_EXTENSIONS)}).')
        return results
