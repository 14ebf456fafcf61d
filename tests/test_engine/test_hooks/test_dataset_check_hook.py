import json

import pytest
from mmaction.registry import DATASETS, HOOKS
from mmengine.config import Config

from mmdebias.engine.hooks.dataset_check_hook import (DatasetCheckHook, add_dataset_check_hook,
                                                      check_annotation_files, check_dataset,
                                                      entry_location)


def video_list(tmp_path, text, name='list.txt', **kwargs):
    path = tmp_path / name
    path.write_text(text)
    return DATASETS.build(dict(type='VideoDataset', ann_file=str(path), pipeline=[], **kwargs))


def bias_dataset(tmp_path, entries, name='bias.json'):
    path = tmp_path / name
    path.write_text(json.dumps(entries))
    return DATASETS.build(dict(type='BiasVideoDataset', ann_file=str(path), pipeline=[],
                               test_mode=True))


def entry(label, i=0, **extra):
    return dict(filename=f'c{i}.mp4', label=label, video_id=f'v{i}', protocol='scuba', **extra)


def test_labels_in_range_pass(tmp_path):
    check_dataset(video_list(tmp_path, 'a.mp4 0\nb.mp4 2\n'), 3)
    check_dataset(bias_dataset(tmp_path, [entry(0), entry(2, 1, static_label=1)]), 3)


def test_label_beyond_num_classes_names_file_line_video(tmp_path):
    ds = video_list(tmp_path, 'a.mp4 0\nb.mp4 3\nc.mp4 1\n')
    with pytest.raises(ValueError) as info:
        check_dataset(ds, 3, 'train_dataloader')
    message = str(info.value)
    for fragment in ('train_dataloader', 'list.txt:2', 'label 3', 'b.mp4', '3 classes',
                     'num_classes'):
        assert fragment in message
    assert 'list.txt:1' not in message and 'list.txt:3' not in message


def test_negative_label_is_unlabelled_even_without_num_classes(tmp_path):
    with pytest.raises(ValueError, match=r'list.txt:1: label -1'):
        check_dataset(video_list(tmp_path, 'a.mp4\n'), None)


def test_many_bad_labels_are_counted(tmp_path):
    ds = video_list(tmp_path, ''.join(f'v{i}.mp4 {i}\n' for i in range(20)))
    with pytest.raises(ValueError, match=r'18 annotation\(s\).*and 13 more'):
        check_dataset(ds, 2)


def test_bias_dataset_entries_and_static_label(tmp_path):
    ds = bias_dataset(tmp_path, [entry(0), entry(1, 1, static_label=4)])
    with pytest.raises(ValueError, match=r'bias.json: entry 1: static_label 4'):
        check_dataset(ds, 3)


def test_wrappers_name_the_inner_file(tmp_path):
    good = dict(type='VideoDataset', ann_file=str(tmp_path / 'good.txt'), pipeline=[])
    bad = dict(type='VideoDataset', ann_file=str(tmp_path / 'bad.txt'), pipeline=[])
    (tmp_path / 'good.txt').write_text('a.mp4 0\n')
    (tmp_path / 'bad.txt').write_text('a.mp4 0\nb.mp4 9\n')
    concat = DATASETS.build(dict(type='ConcatDataset', datasets=[good, bad]))
    with pytest.raises(ValueError, match=r'bad.txt:2: label 9'):
        check_dataset(concat, 2)
    repeat = DATASETS.build(dict(type='RepeatDataset', dataset=bad, times=2))
    with pytest.raises(ValueError, match=r'bad.txt:2: label 9'):
        check_dataset(repeat, 2)


def test_multi_class_indices(tmp_path):
    ds = video_list(tmp_path, 'a.mp4 0 1\nb.mp4 2 5\n', multi_class=True, num_classes=6)
    check_dataset(ds, 6)
    with pytest.raises(ValueError, match=r'list.txt:2: label 5'):
        check_dataset(ds, 4)


def test_empty_dataset(tmp_path):
    ds = video_list(tmp_path, '', serialize_data=False)
    with pytest.raises(ValueError, match=r'test_dataloader: VideoDataset has no samples'):
        check_dataset(ds, 2, 'test_dataloader')


def test_entry_location(tmp_path):
    assert entry_location(video_list(tmp_path, 'a.mp4 0\nb.mp4 1\n'), 1).endswith('list.txt:2')
    assert entry_location(bias_dataset(tmp_path, [entry(0)]), 0).endswith('bias.json: entry 0')


@pytest.mark.parametrize('text, name', [('', 'e.txt'), ('\n  \n', 'e.txt'), ('[]', 'e.json')])
def test_check_annotation_files_empty(tmp_path, text, name):
    (tmp_path / name).write_text(text)
    cfg = Config(dict(test_dataloader=dict(dataset=dict(
        type='ConcatDataset', datasets=[dict(type='VideoDataset', ann_file=name,
                                             data_root=str(tmp_path))]))))
    with pytest.raises(ValueError, match=rf'test_dataloader: the annotation file .*{name} is '
                       'empty'):
        check_annotation_files(cfg)


def test_check_annotation_files_leaves_others(tmp_path):
    (tmp_path / 'ok.txt').write_text('a.mp4 0\n')
    cfg = Config(dict(train_dataloader=dict(dataset=dict(ann_file=str(tmp_path / 'ok.txt'))),
                      val_dataloader=None,
                      test_dataloader=dict(dataset=dict(ann_file=str(tmp_path / 'no.txt')))))
    check_annotation_files(cfg)  # a good file, no loader, a missing file (the dataset's job)


def test_add_dataset_check_hook():
    cfg = Config(dict(default_hooks=dict(timer=dict(type='IterTimerHook'))))
    add_dataset_check_hook(cfg)
    assert cfg.default_hooks.dataset_check == dict(type='DatasetCheckHook')
    cfg = Config(dict(custom_hooks=[dict(type='DatasetCheckHook')]))
    add_dataset_check_hook(cfg)
    assert 'dataset_check' not in cfg.default_hooks
    cfg = Config(dict(default_hooks=dict(dataset_check=None)))
    add_dataset_check_hook(cfg)  # switched off: the key goes (mmengine refuses None for it)
    assert 'dataset_check' not in cfg.default_hooks
    assert isinstance(HOOKS.build(dict(type='DatasetCheckHook')), DatasetCheckHook)


def test_project_runtime_config_has_the_hook(repo_root):
    cfg = Config.fromfile(f'{repo_root}/configs/baseline/baseline_tsn-r18_1xb2-1x1x3-4e_tiny-videos-rgb.py')
    assert cfg.default_hooks.dataset_check == dict(type='DatasetCheckHook')


def test_hook_checks_short_clips_of_a_stock_video_dataset(tmp_path):
    """A real test run (mmengine Runner, MMAction2 VideoDataset and TSN): the hook puts a
    CheckClipLength after SampleFrames; 'error' stops the run naming the list line."""
    from mmengine.runner import Runner

    from tests.test_reliability import media
    media.write(tmp_path, 'short.mp4', media.frames(3, 32, 32))
    (tmp_path / 'list.txt').write_text('short.mp4 1\n')
    pipeline = [dict(type='DecordInit'),
                dict(type='SampleFrames', clip_len=4, frame_interval=1, num_clips=1,
                     test_mode=True),
                dict(type='DecordDecode'), dict(type='FormatShape', input_format='NCHW'),
                dict(type='PackActionInputs')]
    cfg = Config(dict(
        default_scope='mmaction', work_dir=str(tmp_path / 'work'),
        model=dict(type='Recognizer2D',
                   backbone=dict(type='ResNet', depth=18, pretrained=None, norm_eval=False),
                   cls_head=dict(type='TSNHead', num_classes=2, in_channels=512),
                   data_preprocessor=dict(type='ActionDataPreprocessor',
                                          format_shape='NCHW')),
        test_dataloader=dict(batch_size=1, num_workers=0, sampler=dict(
            type='DefaultSampler', shuffle=False), dataset=dict(
                type='VideoDataset', ann_file=str(tmp_path / 'list.txt'),
                data_prefix=dict(video=str(tmp_path)), pipeline=pipeline, test_mode=True)),
        test_evaluator=dict(type='AccMetric'), test_cfg=dict(type='TestLoop'),
        default_hooks=dict(dataset_check=dict(type='DatasetCheckHook', short_clips='error')),
        log_level='WARNING'))
    runner = Runner.from_cfg(cfg)
    with pytest.raises(ValueError, match=r"list\.txt:1\) has 3 frames.*4 frames.*"
                       r"default_hooks\.dataset_check\.short_clips='error'"):
        runner.test()
    with pytest.raises(ValueError, match=r"DatasetCheckHook: short_clips must be one of"):
        DatasetCheckHook(short_clips='raise')
