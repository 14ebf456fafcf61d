"""Packaging for mmdebias, the OpenMMLab way.

* ``install_requires`` declares the *compatible ranges* the code supports
  (``requirements/runtime.txt``), so that ``pip install mmdebias`` into an existing MMAction2
  environment keeps the user's torch, mmcv, numpy and OpenCV. The project's own environment
  pins exact versions on top of these (``requirements/constraints.txt``,
  ``tools/setup_env.sh``).
* mmcv is declared only for ``mim`` (``requirements/mminstall.txt``, extra ``mim``): it is a
  compiled package that users already have, and a plain dependency on it makes pip try to
  rebuild it from source when its metadata does not match.
* ``configs/``, ``tools/``, ``demo/`` and ``model-index.yml`` are shipped inside the package
  as ``mmdebias/.mim/`` (as mmaction2 and mmdet do), so that after a non-editable install
  ``_base_ = 'mmdebias::albar/...'`` resolves and ``mim train mmdebias CONFIG`` finds the
  training script. They are copied there when building an sdist or a wheel, and symlinked in
  an editable install.
* Nothing runs at install time and no ``.pth`` file is installed. ``mmdebias_config_scheme``
  (a small top-level module, inert unless asked) is the explicit opt-in for resolving
  ``mmdebias::`` before ``mmdebias`` is imported, e.g. in MMAction2's own ``tools/train.py``:
  ``python -m mmdebias_config_scheme install``.
"""
import os
import os.path as osp
import shutil
import sys

from setuptools import find_packages, setup

MIM_FILES = ('configs', 'tools', 'demo', 'model-index.yml')
# scripts that set up or check this repository (they cd to the checkout's root): not shipped
DEV_SCRIPTS = ('setup_env.sh', 'run_tests.sh', 'check_install.sh', 'lint.sh',
               'build_docs.sh', 'run_demo.sh')


def get_version():
    with open('mmdebias/version.py') as f:
        scope = {}
        exec(f.read(), scope)
    return scope['__version__']


def parse_requirements(path):
    reqs = []
    with open(path) as f:
        for line in f:
            line = line.split('#')[0].strip()
            if line and not line.startswith('-'):
                reqs.append(line)
    return reqs


def add_mim_extension():
    """Put configs, tools, demo and model-index.yml under ``mmdebias/.mim``.

    A copy when building a distribution (sdist, wheel, plain install), symlinks in an editable
    install (``develop`` / ``editable_wheel``), so that edits to ``configs/`` show at once.
    """
    if 'develop' in sys.argv or 'editable_wheel' in sys.argv:
        mode = 'symlink'
    elif {'sdist', 'bdist_wheel', 'build', 'install'} & set(sys.argv):
        mode = 'copy'
    else:
        return
    root = osp.dirname(osp.abspath(__file__))
    mim_dir = osp.join(root, 'mmdebias', '.mim')
    os.makedirs(mim_dir, exist_ok=True)
    for name in MIM_FILES:
        src = osp.join(root, name)
        dst = osp.join(mim_dir, name)
        if not osp.exists(src):  # building from an sdist: .mim is already there
            continue
        if osp.islink(dst) or osp.isfile(dst):
            os.remove(dst)
        elif osp.isdir(dst):
            shutil.rmtree(dst)
        if mode == 'symlink':
            os.symlink(osp.relpath(src, mim_dir), dst)
        elif osp.isdir(src):
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns(
                '__pycache__', '*.pyc', 'work_dirs', *DEV_SCRIPTS))
        else:
            shutil.copyfile(src, dst)


if __name__ == '__main__':
    add_mim_extension()
    setup(
        name='mmdebias',
        version=get_version(),
        description='Static-bias mitigation and evaluation for MMAction2 '
        '(ALBAR, SDN, SMAD/OmniDebias, SCUBA/SCUFO)',
        long_description=open('README.md').read(),
        long_description_content_type='text/markdown',
        keywords='computer vision, video understanding, action recognition, debiasing',
        packages=find_packages(exclude=('tests', 'tests.*', 'configs', 'tools', 'demo',
                                        'bench', 'docs')),
        py_modules=['mmdebias_config_scheme'],
        include_package_data=True,
        python_requires='>=3.8',
        install_requires=parse_requirements('requirements/runtime.txt'),
        extras_require={
            'detection': parse_requirements('requirements/detection.txt'),
            'mim': parse_requirements('requirements/mminstall.txt'),
            'tests': parse_requirements('requirements/tests.txt'),
            'docs': parse_requirements('requirements/docs.txt'),
        },
        license='Apache License 2.0',
        zip_safe=False)
