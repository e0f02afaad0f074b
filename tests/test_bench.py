"""The benchmark's budgets: what makes `make bench` fail."""

import gzip
import urllib.request

from tools.bench import grading_breaches
from tools.bench_reader import Visit, budget_checks, byte_breaches, serve_gzip

OK = {"speedup_vs_serial": 2.4, "identical_scores": True, "all_graded": True,
      "cohort_per_submission": 0.8}


def test_grading_within_budget_passes():
    assert grading_breaches(OK) == []
    assert grading_breaches(None) == []  # --no-grading


def test_too_slow_or_different_scores_fail():
    assert "speed-up 1.7 < 2.0" in grading_breaches({**OK, "speedup_vs_serial": 1.7})[0]
    assert grading_breaches({**OK, "identical_scores": False})
    assert grading_breaches({**OK, "all_graded": False})


def test_slower_than_the_per_submission_budget_fails():
    assert "0.95 s a submission > 0.9 s" in grading_breaches({**OK, "cohort_per_submission": 0.95})[0]


# The reader benchmark (tools/bench_reader.py): what it serves, and which of its figures fail.

SLOW = "500 kbps / 600 ms"


def visit(page="book/intro.html", kb=190, charts=0, first_chart=None, cache="cold"):
    return Visit(page=page, link=SLOW, cache=cache, bytes=kb * 1024, requests=28, first_text_s=3.5,
                 first_chart_s=first_chart, charts=charts, slowest_chart_s=None)


def test_a_page_without_charts_over_250_kb_breaks_the_budget():
    assert byte_breaches([visit(kb=190)]) == []
    assert "455 KB > 250 KB" in byte_breaches([visit(kb=455)])[0]
    assert byte_breaches([visit(kb=455, cache="warm")]) == []  # a first visit only


def test_slow_timings_are_reported_against_budgets_but_never_fail():
    slow_chart = visit(page="modules/module-1.html", kb=1900, charts=2, first_chart=35.0)
    assert byte_breaches([slow_chart]) == []
    checks = {what: (figure, budget) for _, what, figure, budget in budget_checks([slow_chart])}
    assert checks == {"first text": (3.5, 4.0), "first chart": (35.0, 12.0)}


def test_the_server_gzips_text_as_github_pages_does(tmp_path):
    (tmp_path / "page.html").write_text("<p>" + "texto " * 500 + "</p>")
    (tmp_path / "font.woff2").write_bytes(b"wOF2" + bytes(2000))
    with serve_gzip(tmp_path) as base:
        request = urllib.request.Request(f"{base}/page.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == "max-age=600"
            assert gzip.decompress(response.read()).decode().startswith("<p>texto")
        request = urllib.request.Request(f"{base}/font.woff2", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] is None
            assert response.read().startswith(b"wOF2")
