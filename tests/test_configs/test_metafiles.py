"""The OpenMMLab model index: model-index.yml, every configs/*/metafile.yml and the config READMEs.

``mim search`` / ``mim train`` read model-index.yml, which imports one metafile.yml per method
folder; each metafile names its collections (paper, README) and models (config, results).
These tests keep that index consistent with the files on disk. (That every config of a
metafile's folder is listed in it is tests/test_packaging's check.)
"""
import glob
import math
import os.path as osp
import re

import pytest
import yaml

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
METAFILES = sorted(
    osp.relpath(p, ROOT) for p in glob.glob(osp.join(ROOT, 'configs', '*', 'metafile.yml')))
# folders that must have a README: every method folder (one with a metafile) and the
# experiment families
DOCUMENTED_FOLDERS = sorted({osp.dirname(m) for m in METAFILES} | {
    'configs/baseline', 'demo/demo_configs/composition', 'demo/demo_configs/motion_shapes',
    'demo/demo_configs/motion_shapes_hard'})
READMES = sorted({osp.join(folder, 'README.md') for folder in DOCUMENTED_FOLDERS} | {
    osp.relpath(p, ROOT) for p in glob.glob(osp.join(ROOT, 'configs', '*', 'README.md'))})
# [text](target) in markdown, outside code blocks
LINK = re.compile(r'\[[^\]]*\]\(([^)\s]+)\)')


def _load(relpath):
    with open(osp.join(ROOT, relpath)) as f:
        return yaml.safe_load(f)


def test_model_index_imports_every_metafile_and_nothing_else():
    assert METAFILES, 'no configs/*/metafile.yml found'
    imports = _load('model-index.yml')['Import']
    assert len(imports) == len(set(imports)), f'model-index.yml imports a metafile twice: {imports}'
    assert sorted(imports) == METAFILES, (
        f'model-index.yml Import must list exactly the metafiles on disk: missing '
        f'{sorted(set(METAFILES) - set(imports))}, no such file {sorted(set(imports) - set(METAFILES))}')


@pytest.mark.parametrize('meta', METAFILES)
def test_metafile_collections_name_a_paper_and_the_folder_readme(meta):
    collections = _load(meta)['Collections']
    assert collections, f'{meta}: no Collections'
    for coll in collections:
        where = f"{meta}: collection {coll.get('Name')!r}"
        assert coll.get('Name'), f'{meta}: a collection without Name'
        readme = coll.get('README')
        assert readme == osp.join(osp.dirname(meta), 'README.md'), (
            f"{where}: README must be {osp.join(osp.dirname(meta), 'README.md')!r} "
            f'(path from the repository root), got {readme!r}')
        assert osp.isfile(osp.join(ROOT, readme)), f'{where}: README {readme} does not exist'
        paper = coll.get('Paper') or {}
        assert paper.get('Title'), f'{where}: Paper.Title is missing'
        assert str(paper.get('URL', '')).startswith('https://'), f'{where}: Paper.URL is missing'


@pytest.mark.parametrize('meta', METAFILES)
def test_metafile_models_have_existing_configs_and_well_formed_results(meta):
    data = _load(meta)
    names = {c['Name'] for c in data['Collections']}
    for model in data['Models']:
        where = f"{meta}: model {model.get('Name')!r}"
        assert model.get('In Collection') in names, (
            f"{where}: In Collection {model.get('In Collection')!r} is not one of {sorted(names)}")
        config = model.get('Config')
        assert config and osp.isfile(osp.join(ROOT, config)), f'{where}: Config {config} does not exist'
        assert osp.splitext(osp.basename(config))[0] == model['Name'], (
            f'{where}: Name must be the config file name without .py ({config})')
        for result in model.get('Results', []):
            assert result.get('Dataset') and result.get('Task'), f'{where}: a result needs Dataset and Task'
            metrics = result.get('Metrics')
            assert metrics, f'{where}: a result without Metrics'
            for key, value in metrics.items():
                assert isinstance(value, (int, float)) and not isinstance(value, bool), (
                    f'{where}: metric {key!r} = {value!r} is not a number')
                assert math.isfinite(value) and 0 <= value <= 100, (
                    f'{where}: metric {key!r} = {value!r} is not a percentage')


def test_model_names_are_unique_across_the_index():
    seen = {}
    for meta in _load('model-index.yml')['Import']:
        for model in _load(meta)['Models']:
            assert model['Name'] not in seen, (
                f"model {model['Name']!r} is listed in {seen.get(model['Name'])} and {meta}")
            seen[model['Name']] = meta


@pytest.mark.parametrize('readme', READMES)
def test_config_folder_readme_exists_and_its_links_resolve(readme):
    path = osp.join(ROOT, readme)
    assert osp.isfile(path), f'{readme} is missing: write the folder\'s README.md'
    with open(path) as f:
        text = re.sub(r'```.*?```', '', f.read(), flags=re.S)
    assert text.startswith('# '), f'{readme} must start with a "# <Name>" title'
    for target in LINK.findall(text):
        if target.startswith(('http://', 'https://', '#')):
            continue
        target = target.split('#')[0]
        resolved = (osp.join(ROOT, target.lstrip('/')) if target.startswith('/') else
                    osp.join(osp.dirname(path), target))
        assert osp.exists(resolved), f'{readme}: link {target} points to no file'


@pytest.mark.parametrize('meta', METAFILES)
def test_method_readmes_follow_the_openmmlab_layout(meta):
    with open(osp.join(ROOT, osp.dirname(meta), 'README.md')) as f:
        text = f.read()
    for marker in ('<!-- [ALGORITHM] -->', '## Abstract', 'Results and Models', 'Citation',
                   '```BibTeX'):
        assert marker in text, f'{osp.dirname(meta)}/README.md has no {marker!r}'
