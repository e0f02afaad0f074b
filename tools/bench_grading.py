"""Autograde throughput: naive serial vs one nbgrader batch vs our parallel batches.

The baseline an instructor would write is one ``nbgrader autograde --student`` per participant,
paying nbgrader's start-up every time. ``bench()`` grades the same synthetic submissions three
ways in a temporary course, checks that every way gives identical scores, and returns the
figures (``make bench`` prints them).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from migration_course.core.bank import ASSIGNMENTS
from migration_course.core.course import Course
from migration_course.grading.autograde import (
    autograde_parallel,
    autograde_serial,
    default_workers,
    forget,
)
from migration_course.grading.exchange import release
from migration_course.grading.sandbox import SWITCH
from migration_course.questionnaire.notebook import notebook_name
from tools.synthetic_cohort import cohort, simulated_answers, write_answers


def bench(n: int = 16, workers: int | None = None, cohort_size: int = 48,
          workdir: Path | None = None) -> dict[str, object]:
    """Grade ``n`` submissions serially, as one batch, and in parallel; return the figures.

    Then ``cohort_size`` submissions in parallel: each worker pays nbgrader's import (about 3 s)
    once, so a small run overstates what a submission costs in a real cohort; the budget is
    read on this larger run.
    """
    workers = workers or default_workers()
    assignment = ASSIGNMENTS["pre"]
    tmp = Path(workdir or tempfile.mkdtemp(prefix="rcm-bench-"))
    try:
        course = Course.create(tmp / "course")
        release(course, assignment)
        everyone = [f"{p.country}-{i:02d}" for i, p in
                    enumerate(cohort()[:max(n, cohort_size)], start=1)]
        students = everyone[:n]
        _submit(course, assignment, students)
        figures: dict[str, object] = {"submissions": n, "workers": workers}
        scores = {}
        for name, run in (
            ("serial", lambda: autograde_serial(course, assignment, students)),
            ("batch", lambda: course.nbgrader("autograde", assignment, "--force")),
            ("parallel", lambda: autograde_parallel(course, assignment, students, workers,
                                                    progress=None)),
            ("unsandboxed", lambda: _without_sandbox(
                lambda: autograde_parallel(course, assignment, students, workers, progress=None))),
        ):
            for s in students:
                forget(course, assignment, s)
            start = time.monotonic()
            run()
            seconds = time.monotonic() - start
            figures[f"{name}_seconds"] = round(seconds, 1)
            figures[f"{name}_per_submission"] = round(seconds / n, 2)
            scores[name] = _scores(course, assignment)
        figures["speedup_vs_serial"] = round(
            float(figures["serial_seconds"]) / float(figures["parallel_seconds"]), 2)
        # nbgrader's own single batch is serial too but pays start-up once: reported so the
        # gain from parallel workers alone is visible, not only the gain over the naive loop.
        figures["speedup_vs_batch"] = round(
            float(figures["batch_seconds"]) / float(figures["parallel_seconds"]), 2)
        # What the bubblewrap sandbox costs: the same parallel grading with and without it.
        figures["sandbox_share"] = round(max(0.0, 1 - float(figures["unsandboxed_seconds"])
                                             / float(figures["parallel_seconds"])), 2)
        figures["identical_scores"] = (scores["serial"] == scores["batch"] == scores["parallel"]
                                       == scores["unsandboxed"])
        figures["all_graded"] = all(len(v) == n for v in scores.values())
        _submit(course, assignment, everyone[n:])
        for s in everyone:
            forget(course, assignment, s)
        start = time.monotonic()
        outcomes = autograde_parallel(course, assignment, everyone, workers, progress=None)
        figures["cohort_submissions"] = len(everyone)
        figures["cohort_per_submission"] = round((time.monotonic() - start) / len(everyone), 2)
        figures["all_graded"] = figures["all_graded"] and all(o.success for o in outcomes.values())
        return figures
    finally:
        if workdir is None:
            shutil.rmtree(tmp, ignore_errors=True)


def _submit(course: Course, assignment: str, students: list[str]) -> None:
    """Put a synthetic hub submission of each student where ``collect`` would."""
    for s in students:
        folder = course.root / "submitted" / s / assignment
        folder.mkdir(parents=True)
        shutil.copy2(course.release_notebook(assignment), folder / notebook_name(assignment))
        write_answers(folder, assignment, simulated_answers(s, assignment, course.bank), course.bank)
        (folder / "timestamp.txt").write_text("2020-07-21 10:00:00", encoding="utf-8")


def _without_sandbox(run: Callable[[], object]) -> object:
    """Run with the sandbox switched off, as an instructor without bubblewrap would."""
    before = os.environ.get(SWITCH)
    os.environ[SWITCH] = "off"
    try:
        with contextlib.redirect_stderr(io.StringIO()):  # its warning is expected here
            return run()
    finally:
        if before is None:
            del os.environ[SWITCH]
        else:
            os.environ[SWITCH] = before


def _scores(course: Course, assignment: str) -> dict[str, float]:
    with course.gradebook() as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(assignment)}


if __name__ == "__main__":
    print(json.dumps(bench(), indent=1))
