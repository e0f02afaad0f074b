"""The benchmark's budgets: what makes `make bench` fail."""

from tools.bench import grading_breaches

OK = {"speedup_vs_serial": 2.4, "identical_scores": True, "all_graded": True,
      "parallel_per_submission": 0.8}


def test_grading_within_budget_passes():
    assert grading_breaches(OK) == []
    assert grading_breaches(None) == []  # --no-grading


def test_too_slow_or_different_scores_fail():
    assert "speed-up 1.7 < 2.0" in grading_breaches({**OK, "speedup_vs_serial": 1.7})[0]
    assert grading_breaches({**OK, "identical_scores": False})
    assert grading_breaches({**OK, "all_graded": False})


def test_slower_than_the_per_submission_budget_fails():
    assert "0.95 s a submission > 0.9 s" in grading_breaches({**OK, "parallel_per_submission": 0.95})[0]
