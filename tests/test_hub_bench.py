"""The hub load benchmark's arithmetic and its report (the run itself needs root and minutes)."""

from __future__ import annotations

from tools.bench_hub import percentile, report


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 21)]  # 1 .. 20
    assert percentile(values, 50) == 10.0 and percentile(values, 95) == 19.0
    assert percentile([3.0], 95) == 3.0 and percentile([], 50) is None


def test_the_report_names_every_figure_and_each_error():
    fig = {"participants": 2, "spread_seconds": 10.0, "cores": 2, "elapsed_seconds": 30.0,
           "submitted": 1, "servers_ready_per_minute": 4.0, "ready_p50": 12.0,
           "ready_p95": None, "click_p95": 0.2, "submit_p95": 0.4,
           "server_rss_median": 150 * 2**20, "hub_rss": 200 * 2**20, "proxy_rss": 60 * 2**20,
           "participants_by_memory": 140, "available_memory_before": 21 * 2**30,
           "errors": ["can-01: TimeoutError: no questionnaire after 300 s (200)"]}
    text = "\n".join(report(fig))
    assert "p50 12.00 s, p95 n/a" in text and "150 MB a participant's server" in text
    assert "about 140 participants at once" in text and "1 submitted" in text
    assert "error: can-01: TimeoutError" in text
