"""The bias report of ``tools/test.py``: a table, a JSON file and a bar chart of the metrics.

``tools/test.py`` calls :func:`write_bias_report` when a metric key starts with ``bias/``
(:class:`StaticBiasMetric`) or ``fairness/`` (:class:`NMIFairnessMetric`), or when
``--compare`` names the JSON of another run written the same way (e.g. the baseline).
Several runs per method (e.g. training seeds): :func:`summarise_runs` (mean ± std),
:func:`format_summary_table` and :func:`save_summary_chart` (``demo/bias_demo.py``'s table).
"""
import json
import math
import os
import os.path as osp
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

from ..utils.list_files import load_json

# direction of improvement of each metric name (the key without prefix and '@...' suffix)
DIRECTIONS = {
    'top1': '↑', 'top5': '↑', 'mean1': '↑',
    'original_top1': '↑', 'scuba_top1': '↑', 'scufo_top1': '↓', 'contrasted_acc': '↑',
    'conflfg_top1': '↑', 'conflfg_static_rate': '↓', 'conflfg_dynamic_over_static': '↑',
    'conflbg_top1': '↑', 'conflbg_static_rate': '↓', 'conflbg_dynamic_over_static': '↑',
    'independence': '↓', 'separation': '↓', 'sufficiency': '↓', 'oracle_independence': '',
    'acc': '↑', 'worst_group_acc': '↑', 'acc_gap': '↓', 'eo_gap': '↓',
}
REPORT_PREFIXES = ('bias/', 'fairness/')


def metric_direction(key: str) -> str:
    """'↑' (higher is better), '↓' (lower is better) or '' (unknown / reference value)."""
    name = key.rsplit('/', 1)[-1].split('@', 1)[0]
    return DIRECTIONS.get(name, '')


def has_bias_metrics(metrics: Dict) -> bool:
    return any(str(key).startswith(REPORT_PREFIXES) for key in metrics)


def load_metrics(path: str) -> Dict[str, float]:
    r"""Read a metrics JSON written by :func:`write_bias_report` (or ``tools/test.py``).

    An empty or invalid file, a JSON value that is not an object, and NaN / infinite metric
    values are ``ValueError``\ s naming the file (and the key)."""
    metrics = load_json(path, 'the metrics JSON of tools/test.py (the bias report)')
    if not isinstance(metrics, dict):
        raise ValueError(f'{path}: expected a JSON object of metric values')
    _check_finite(metrics, path)
    return metrics


def _check_finite(metrics: Dict, where: str) -> None:
    bad = [k for k, v in metrics.items() if _number(v) is not None and not math.isfinite(v)]
    if bad:
        raise ValueError(f'{where}: metric(s) {", ".join(map(repr, bad[:10]))} are NaN or '
                         f'infinite ({metrics[bad[0]]}); a metric must be a finite number. '
                         'The model or the evaluation produced it: check the checkpoint and '
                         'the test set.')


def _number(value) -> Optional[float]:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) \
        else None


def format_bias_table(metrics: Dict, compare: Optional[Dict] = None,
                      compare_name: str = 'compare') -> str:
    """One table, a row per metric: name, direction, value (and the comparison run with the
    difference ``value - compare`` when ``compare`` is given). Keys only in ``compare``
    are listed too."""
    keys = list(metrics) + [k for k in (compare or {}) if k not in metrics]
    header = ['metric', 'dir', 'value']
    if compare is not None:
        header += [compare_name, 'delta']
    rows = []
    for key in keys:
        value = _number(metrics.get(key))
        row = [key, metric_direction(key),
               f'{value:.4f}' if value is not None else str(metrics.get(key, '-'))]
        if compare is not None:
            other = _number(compare.get(key))
            row.append(f'{other:.4f}' if other is not None else str(compare.get(key, '-')))
            row.append(f'{value - other:+.4f}' if value is not None and other is not None
                       else '-')
        rows.append(row)
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    lines = ['  '.join(h.ljust(w) for h, w in zip(header, widths)),
             '  '.join('-' * w for w in widths)]
    lines += ['  '.join(c.ljust(w) for c, w in zip(row, widths)) for row in rows]
    return '\n'.join(lines)


def save_bar_chart(metrics: Dict, path: str, compare: Optional[Dict] = None,
                   compare_name: str = 'compare', title: str = 'bias report') -> str:
    """Horizontal bar chart of the numeric metrics (and the comparison run) as a PNG.

    Uses matplotlib's Agg canvas directly, so no pyplot state or backend is touched.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    keys = [k for k in metrics if _number(metrics[k]) is not None]
    labels = [f'{k} {metric_direction(k)}'.strip() for k in keys]
    figure = Figure(figsize=(8, 1.0 + 0.35 * max(1, len(keys)) * (2 if compare else 1)))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    height = 0.4 if compare is not None else 0.8
    positions = range(len(keys))
    axes.barh([p - (height / 2 if compare is not None else 0) for p in positions],
              [float(metrics[k]) for k in keys], height=height, label='this run')
    if compare is not None:
        axes.barh([p + height / 2 for p in positions],
                  [_number(compare.get(k)) or 0.0 for k in keys], height=height,
                  label=compare_name)
        axes.legend(loc='lower right')
    axes.set_yticks(list(positions))
    axes.set_yticklabels(labels)
    axes.invert_yaxis()
    axes.set_title(title)
    axes.grid(axis='x', alpha=0.3)
    figure.tight_layout()
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    figure.savefig(path, dpi=100)
    return path


def write_bias_report(metrics: Dict, out_json: str, compare_json: Optional[str] = None,
                      print_fn=print) -> Tuple[str, str]:
    """Print the table, write ``out_json`` (the metrics as given) and ``<out_json stem>.png``.

    Args:
        metrics (dict): Metric name -> number, as returned by ``runner.test()``.
        out_json (str): Where to write the metrics JSON.
        compare_json (str, optional): Metrics JSON of another run to show side by side.
        print_fn (callable): Where the table goes. Defaults to ``print``.

    Returns:
        tuple: ``(json_path, png_path)``.

    Raises ``ValueError`` naming the metric when a value is NaN or infinite (nothing is
    written: a report never holds NaN) and when ``compare_json`` cannot be read.
    """
    metrics = {str(k): (_number(v) if _number(v) is not None else v)
               for k, v in metrics.items()}
    _check_finite(metrics, 'write_bias_report')
    compare = load_metrics(compare_json) if compare_json else None
    name = osp.splitext(osp.basename(compare_json))[0] if compare_json else 'compare'
    print_fn(format_bias_table(metrics, compare, name))
    os.makedirs(osp.dirname(osp.abspath(out_json)), exist_ok=True)
    with open(out_json, 'w') as f:
        json.dump(metrics, f, indent=2)
    png = save_bar_chart(metrics, osp.splitext(out_json)[0] + '.png', compare, name)
    return out_json, png


# ---- several runs per method (e.g. training seeds): mean ± std --------------------------
def summarise_runs(runs: Dict[str, Sequence[Dict]],
                   keys: Optional[Sequence[str]] = None) -> Dict[str, Dict[str, Tuple[float,
                                                                                    float]]]:
    """Mean and standard deviation of each metric over the runs of each method.

    Args:
        runs (dict): Method name -> one metrics dict per run (e.g. per training seed), as
            ``runner.test()`` returns them or :func:`load_metrics` reads them.
        keys (Sequence[str], optional): The metrics to summarise. Defaults to every numeric
            key of any run.

    Returns:
        dict: method -> key -> ``(mean, std)`` over the runs that have the key (keys no run
        of a method has are left out); ``std`` is the population standard deviation
        (``ddof=0``), 0 for a single run.

    Raises ``ValueError`` naming the method and the metric when a value is NaN or infinite.
    """
    summary = {}
    for method, method_runs in runs.items():
        for run in method_runs:
            _check_finite(run, f'summarise_runs ({method!r})')
        names = keys if keys is not None else list(dict.fromkeys(
            k for run in method_runs for k in run if _number(run[k]) is not None))
        summary[method] = {}
        for key in names:
            values = [float(run[key]) for run in method_runs if _number(run.get(key)) is not None]
            if values:
                summary[method][key] = (float(np.mean(values)), float(np.std(values)))
    return summary


def _row(row: Sequence) -> Tuple[str, str, float, int]:
    """``(key, label[, scale[, digits]])`` -> the four, a percentage (x100, 1 digit) by
    default."""
    scale = row[2] if len(row) > 2 else 100.0
    digits = row[3] if len(row) > 3 else 1
    return row[0], row[1], scale, digits


def format_summary_table(summary: Dict[str, Dict[str, Tuple[float, float]]],
                         rows: Sequence[Sequence], num_runs: int,
                         title: str = 'metric (%)') -> str:
    """A table with a column per method and a row per metric: ``mean ± std`` over the runs
    (``mean`` alone when ``num_runs`` is 1).

    Args:
        summary (dict): As returned by :func:`summarise_runs`.
        rows (Sequence): ``(key, label)``, optionally ``(key, label, scale, digits)``
            (default: 100 and 1 -- a fraction shown as a percentage); the label is followed by
            the metric's direction (:func:`metric_direction`). A row is left out unless every
            method has its key.
        num_runs (int): Runs per method (for the header and ``±``).
        title (str): The first column's header.
    """
    methods = list(summary)

    def cell(method, key, scale, digits):
        mean, std = summary[method][key]
        if num_runs > 1:
            return f'{scale * mean:5.{digits}f} ± {scale * std:4.{digits}f}'
        return f'{scale * mean:5.{digits}f}'

    width = max([14 if num_runs > 1 else 8] + [len(m) + 2 for m in methods])
    lines = [f'{title:<26}' + ''.join(f'{m:>{width}}' for m in methods)]
    lines.append('-' * len(lines[0]))
    for row in rows:
        key, label, scale, digits = _row(row)
        if not all(key in summary[m] for m in methods):
            continue
        lines.append(f'{label + " " + metric_direction(key):<26}' +
                     ''.join(f'{cell(m, key, scale, digits):>{width}}' for m in methods))
    return '\n'.join(lines)


def save_summary_chart(summary: Dict[str, Dict[str, Tuple[float, float]]], path: str,
                       rows: Sequence[Sequence], title: str = 'bias report',
                       chance: Optional[float] = None) -> str:
    """Grouped bar chart (a group per metric, a bar per method, the std as error bars) of the
    rows every method has, as a PNG; ``chance`` (a fraction) draws the chance level. Uses
    matplotlib's Agg canvas directly, so no pyplot state or backend is touched."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = [_row(r) for r in rows]
    rows = [r for r in rows if all(r[0] in summary[m] for m in summary)]
    figure = Figure(figsize=(9, 4))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    width = 0.8 / max(1, len(summary))
    for i, (method, values) in enumerate(summary.items()):
        xs = np.arange(len(rows)) + (i - (len(summary) - 1) / 2) * width
        axes.bar(xs, [scale * values[key][0] for key, _, scale, _ in rows], width,
                 yerr=[scale * values[key][1] for key, _, scale, _ in rows], label=method,
                 capsize=3)
    axes.set_xticks(np.arange(len(rows)))
    axes.set_xticklabels([f'{label}\n{metric_direction(key)}' for key, label, _, _ in rows],
                         fontsize=8)
    if chance is not None:
        axes.axhline(100 * chance, color='grey', lw=0.8, ls='--')
        axes.text(len(rows) - 0.5, 100 * chance + 1, 'chance', color='grey', fontsize=8,
                  ha='right')
    axes.set_ylabel('%')
    axes.set_ylim(0, 105)
    axes.set_title(title)
    axes.legend()
    figure.tight_layout()
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    figure.savefig(path, dpi=100)
    return path
