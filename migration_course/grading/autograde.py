"""Autograde many submissions quickly, one failure never stopping or polluting the rest.

nbgrader pays ~2 s of start-up per invocation, so grading participants one command at a time
(the obvious loop) is slow. Here each worker process imports nbgrader once and grades a batch
through :class:`nbgrader.apps.NbGraderAPI`; batches hold disjoint students (never one student
in two processes), and two workers on a 2-core machine share one SQLite gradebook safely.

Before grading a student we delete their previous submission from the gradebook, and after a
failed grading we delete whatever nbgrader left: otherwise a ``--force`` regrade that fails
(for example an endless loop that ignores interrupts) leaves the OLD score in place.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from nbgrader.api import MissingEntry

from migration_course.core.course import Course
from migration_course.grading.sandbox import grading_sandbox

TIMEOUT_MARKERS = ("Timeout", "CellTimeoutError", "UnresponsiveKernel", "DeadKernel")


@dataclass
class GradeOutcome:
    """Result of autograding one student (from a worker, as one JSON line)."""

    student: str
    success: bool
    seconds: float
    reason: str = ""


Progress = Callable[[int, int, GradeOutcome], None]


def print_progress(done: int, total: int, outcome: GradeOutcome) -> None:
    """Default progress display: one line per participant, flushed at once."""
    what = "graded" if outcome.success else f"FAILED ({outcome.reason})"
    print(f"  [{done:>3}/{total}] {outcome.student:<8} {what}  {outcome.seconds:.1f} s",
          flush=True)


def default_workers() -> int:
    """One grading process more than the machine has cores.

    Why not one per core: a worker spends much of each submission waiting on its kernel
    (start-up, one round trip per cell), so the cores idle. Measured on 2 cores with the
    sandbox (24 submissions, ``make bench``): 2 workers 0.88 s a submission, 3 workers 0.79 s,
    4 workers 0.92 s (the SQLite gradebook and the cores are then contended).
    """
    return (os.cpu_count() or 1) + 1


def batches(students: Sequence[str], workers: int) -> list[list[str]]:
    """Split students into at most ``workers`` disjoint, balanced batches."""
    workers = max(1, min(workers, len(students)))
    return [list(students[i::workers]) for i in range(workers)]


def autograde_parallel(course: Course, assignment: str, students: Sequence[str],
                       workers: int = 2, progress: Progress | None = print_progress
                       ) -> dict[str, GradeOutcome]:
    """Grade ``students`` in ``workers`` concurrent batch processes; return every outcome."""
    outcomes: dict[str, GradeOutcome] = {}
    lock = threading.Lock()
    total = len(students)

    def run(batch: list[str]) -> None:
        with grading_sandbox() as (settings, env):
            _run_batch(batch, settings, env)

    def _run_batch(batch: list[str], settings: dict[str, object], env: dict[str, str]) -> None:
        spec = {"root": str(course.root), "exchange": str(course.exchange or ""),
                "overrides": {**course.overrides, **settings}, "assignment": assignment,
                "students": batch}
        proc = subprocess.Popen([sys.executable, "-m", "migration_course.grading.autograde",
                                 json.dumps(spec)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, cwd=course.root,
                                env={**os.environ, **env})
        assert proc.stdout is not None
        for line in proc.stdout:
            if not line.startswith("{"):
                continue
            outcome = GradeOutcome(**json.loads(line))
            with lock:
                outcomes[outcome.student] = outcome
                if progress:
                    progress(len(outcomes), total, outcome)
        proc.wait()

    threads = [threading.Thread(target=run, args=(b,)) for b in batches(students, workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for student in students:  # a crashed worker must not make anyone look graded
        if student not in outcomes:
            outcomes[student] = GradeOutcome(student, False, 0.0, "grader process crashed")
            forget(course, assignment, student)
    return outcomes


def autograde_serial(course: Course, assignment: str, students: Sequence[str],
                     progress: Progress | None = None) -> dict[str, GradeOutcome]:
    """The naive baseline: one ``nbgrader autograde --student`` command per participant."""
    outcomes = {}
    with grading_sandbox() as (settings, env):
        sandboxed = Course(course.root, course.exchange, {**course.overrides, **settings})
        for n, student in enumerate(students, start=1):
            outcomes[student] = _serial_one(sandboxed, assignment, student, env)
            if progress:
                progress(n, len(students), outcomes[student])
    return outcomes


def _serial_one(course: Course, assignment: str, student: str, env: dict[str, str]
                ) -> GradeOutcome:
    """One ``nbgrader autograde --student`` command, its failure cleaned up."""
    start = time.monotonic()
    forget(course, assignment, student)
    proc = course.nbgrader("autograde", assignment, f"--student={student}", "--force",
                           check=False, env=env)
    ok = proc.returncode == 0
    if not ok:
        forget(course, assignment, student)
    return GradeOutcome(student, ok, time.monotonic() - start,
                        "" if ok else failure_reason(proc.stdout + proc.stderr))


def failure_reason(log: str) -> str:
    """A plain-language reason from nbgrader's log or traceback."""
    if any(m in log for m in TIMEOUT_MARKERS):
        return ("a cell ran past the time limit and could not be stopped (endless loop); "
                "check the notebook for added code")
    lines = [ln.strip() for ln in log.strip().splitlines() if ln.strip()]
    errors = [ln for ln in lines if "Error" in ln or "ERROR" in ln]
    return (errors or lines or ["unknown error"])[-1][:200]


def forget(course: Course, assignment: str, student: str) -> None:
    """Remove the student's previous grading: gradebook entry, autograded and feedback copies.

    Called before every (re)grade and after every failure, so no stale or partial score and
    no old feedback can survive next to a new status.
    """
    with course.gradebook() as gb:
        try:
            gb.remove_submission(assignment, student)
        except MissingEntry:
            pass
    for kind in ("autograded", "feedback"):
        shutil.rmtree(course.root / kind / student / assignment, ignore_errors=True)


def _worker(spec: dict) -> None:
    """Grade one batch in this process, printing one JSON line per student."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from migration_course.grading.nbgrader_tuning import tune_nbgrader

    tune_nbgrader()
    course = Course(Path(spec["root"]), Path(spec["exchange"]) if spec["exchange"] else None,
                    spec["overrides"])
    cfg = course.config()
    api = NbGraderAPI(CourseDirectory(config=cfg), config=cfg)
    for student in spec["students"]:
        start = time.monotonic()
        forget(course, spec["assignment"], student)
        try:
            result = api.autograde(spec["assignment"], student, force=True, create=True)
        except Exception as exc:  # noqa: BLE001 - one student must never stop the batch
            result = {"success": False, "error": repr(exc)}
        ok = bool(result.get("success"))
        reason = "" if ok else failure_reason(f"{result.get('log', '')}\n{result.get('error', '')}")
        if not ok:
            forget(course, spec["assignment"], student)
        outcome = GradeOutcome(student, ok, round(time.monotonic() - start, 3), reason)
        print(json.dumps(asdict(outcome)), flush=True)


if __name__ == "__main__":
    _worker(json.loads(sys.argv[1]))
