from setuptools import find_packages, setup


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


setup(
    name='mmdebias',
    version=get_version(),
    description='Static-bias mitigation and evaluation for MMAction2 '
    '(ALBAR, SDN, SMAD/OmniDebias, SCUBA/SCUFO)',
    long_description=open('README.md').read(),
    long_description_content_type='text/markdown',
    packages=find_packages(exclude=('tests', 'tests.*', 'configs', 'tools')),
    python_requires='>=3.8',
    # mmcv==2.1.0 is deliberately not declared: it must be built with ops from its sdist
    # (tools/setup_env.sh); declaring it makes pip try an isolated build without torch.
    install_requires=[
        r for r in parse_requirements('requirements/runtime.txt')
        if not r.startswith('torch')
    ],
    extras_require={'tests': parse_requirements('requirements/tests.txt')},
    license='Apache License 2.0',
    zip_safe=False)
