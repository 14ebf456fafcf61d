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
