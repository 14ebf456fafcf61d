import json

import matplotlib.image
import pytest

from mmdebias.evaluation import (format_bias_table, has_bias_metrics, load_metrics,
                                 metric_direction, write_bias_report)

METRICS = {
    'acc/top1': 0.5,
    'bias/scuba_top1': 0.4375,
    'bias/scufo_top1': 0.125,
    'bias/contrasted_acc': 0.3125,
    'bias/scuba_top1@stripes': 1 / 3,
    'fairness/independence': 0.0123456789,
}


def test_directions():
    assert metric_direction('bias/scuba_top1') == '↑'
    assert metric_direction('bias/scufo_top1@places') == '↓'
    assert metric_direction('fairness/eo_gap') == '↓'
    assert metric_direction('fairness/acc@kitchen') == '↑'
    assert metric_direction('fairness/oracle_independence') == ''
    assert metric_direction('something/else') == ''
    assert has_bias_metrics(METRICS) and not has_bias_metrics({'acc/top1': 1.0})


def test_table_with_comparison():
    baseline = {'bias/scuba_top1': 0.5, 'bias/scufo_top1': 0.25, 'bias/extra': 1.0}
    lines = format_bias_table(METRICS, baseline, 'baseline').splitlines()
    assert lines[0].split() == ['metric', 'dir', 'value', 'baseline', 'delta']
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert rows['bias/scuba_top1'] == ['bias/scuba_top1', '↑', '0.4375', '0.5000', '-0.0625']
    assert rows['bias/scufo_top1'][1:] == ['↓', '0.1250', '0.2500', '-0.1250']
    assert rows['acc/top1'][-2:] == ['-', '-']  # not in the comparison run
    assert rows['bias/extra'][1:] == ['-', '1.0000', '-']  # only in the comparison run
    assert len(rows) == len(METRICS) + 1
    assert len(format_bias_table(METRICS).splitlines()[0].split()) == 3


def test_json_round_trip_and_chart(tmp_path):
    baseline_path = tmp_path / 'baseline.json'
    baseline_path.write_text(json.dumps({'bias/scuba_top1': 0.5}))
    printed = []
    json_path, png_path = write_bias_report(METRICS, str(tmp_path / 'run' / 'results.json'),
                                            str(baseline_path), print_fn=printed.append)
    assert load_metrics(json_path) == METRICS  # exact floats survive
    assert 'baseline' in printed[0] and '0.4375' in printed[0]
    image = matplotlib.image.imread(png_path)
    assert png_path.endswith('results.png') and image.ndim == 3 and image.shape[0] > 100
    # the written file is accepted back as a comparison run
    write_bias_report(METRICS, str(tmp_path / 'again.json'), json_path, print_fn=printed.append)
    assert '+0.0000' in printed[1]


def test_load_metrics_rejects_non_objects(tmp_path):
    path = tmp_path / 'list.json'
    path.write_text('[1, 2]')
    with pytest.raises(ValueError, match='JSON object'):
        load_metrics(str(path))


def test_summary_over_runs_is_mean_and_population_std():
    from mmdebias.evaluation import summarise_runs
    runs = {'baseline': [{'bias/original_top1': 0.5, 'bias/scuba_top1': 0.25, 'note': 'x'},
                         {'bias/original_top1': 1.0, 'bias/scuba_top1': 0.75}],
            'albar': [{'bias/scuba_top1': 0.5}]}
    summary = summarise_runs(runs)
    assert summary['baseline'] == {'bias/original_top1': pytest.approx((0.75, 0.25)),
                                   'bias/scuba_top1': pytest.approx((0.5, 0.25))}
    assert summary['albar'] == {'bias/scuba_top1': (0.5, 0.0)}  # one run: std 0
    # only the keys asked for; a key some runs lack is averaged over the others
    runs['baseline'].append({'bias/original_top1': 0.0})
    summary = summarise_runs(runs, keys=['bias/scuba_top1', 'bias/scufo_top1'])
    assert summary['baseline'] == {'bias/scuba_top1': pytest.approx((0.5, 0.25))}
    with pytest.raises(ValueError, match=r"'albar'.*'bias/scuba_top1'.*NaN"):
        summarise_runs({'albar': [{'bias/scuba_top1': float('nan')}]})


def test_summary_table_rows_scales_and_column_widths():
    from mmdebias.evaluation import format_summary_table
    summary = {'baseline': {'bias/scuba_top1': (0.75, 0.25), 'step_cost': (1.0, 0.0)},
               'sdn-full-with-a-long-name': {'bias/scuba_top1': (0.5, 0.0),
                                             'step_cost': (2.125, 0.5)}}
    rows = [('bias/scuba_top1', 'SCUBA top-1'), ('bias/scufo_top1', 'SCUFO top-1'),
            ('step_cost', 'step cost (x base)', 1, 2)]
    lines = format_summary_table(summary, rows, 3).splitlines()
    assert lines[0].split() == ['metric', '(%)', 'baseline', 'sdn-full-with-a-long-name']
    assert len(lines) == 4  # header, rule, SCUBA, step cost (SCUFO: no method has it)
    assert lines[2].startswith('SCUBA top-1 ↑') and lines[2].split('↑')[1].split() == [
        '75.0', '±', '25.0', '50.0', '±', '0.0']
    assert lines[3].split()[-6:] == ['1.00', '±', '0.00', '2.12', '±', '0.50']
    assert len(set(map(len, lines[:2]))) == 1
    # one run: the mean alone
    assert format_summary_table(summary, rows, 1).splitlines()[2].split()[-2:] == [
        '75.0', '50.0']


def test_summary_chart(tmp_path):
    from mmdebias.evaluation import save_summary_chart
    summary = {'baseline': {'bias/scuba_top1': (0.75, 0.25), 'bias/scufo_top1': (0.5, 0.1)},
               'albar': {'bias/scuba_top1': (0.5, 0.0)}}
    path = save_summary_chart(summary, str(tmp_path / 'sub' / 'chart.png'),
                              [('bias/scuba_top1', 'SCUBA'), ('bias/scufo_top1', 'SCUFO')],
                              title='t', chance=0.25)
    image = matplotlib.image.imread(path)
    assert image.ndim == 3 and image.shape[:2] == (400, 900)
