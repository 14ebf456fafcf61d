from . import functional
from .bias_report import (format_bias_table, format_summary_table, has_bias_metrics,
                          load_metrics, metric_direction, save_bar_chart,
                          save_summary_chart, summarise_runs, write_bias_report)
from .metrics import NMIFairnessMetric, StaticBiasMetric

__all__ = [
    'functional', 'format_bias_table', 'has_bias_metrics', 'load_metrics',
    'metric_direction', 'save_bar_chart', 'write_bias_report', 'summarise_runs',
    'format_summary_table', 'save_summary_chart', 'NMIFairnessMetric',
    'StaticBiasMetric'
]
