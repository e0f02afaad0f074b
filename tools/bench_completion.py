"""Figures for the steps after the questionnaires, on the 55-person synthetic cohort.

Attendance import (four sessions of Zoom and Teams reports), certificates (PDF rendering is
the slow part) and the report are run by one instructor on one laptop at the end of the
programme; ``make bench`` prints how long each takes and how large its files are so a
regression shows as a number, not as a flaky test. No nbgrader run is needed: the
post-questionnaire statuses are made from the synthetic answers directly.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from migration_course.attendance.importer import import_session
from migration_course.certificates.issue import certify
from migration_course.core.bank import ASSIGNMENTS, Bank
from migration_course.core.course import Course
from migration_course.core.participants import write_roster
from migration_course.grading.pipeline import StudentStatus, save_statuses
from migration_course.questionnaire.answers import StaticAnswers
from migration_course.report.write import write_course_report
from migration_course.roster import import_lists
from tools.synthetic_attendance import write_session_reports
from tools.synthetic_cohort import cohort, simulated_answers, write_focal_point_lists


def bench(workdir: Path | None = None) -> dict[str, object]:
    """Time attendance import, certificates and report for the synthetic cohort."""
    with tempfile.TemporaryDirectory(prefix="rcm-completion-bench-") as tmp:
        root = Path(workdir or tmp)
        course = Course.create(root / "course")
        bank, completion = course.bank, course.completion
        roster = import_lists(write_focal_point_lists(cohort(), root / "lists")).participants
        write_roster(roster, course.roster_file)
        for assignment in ASSIGNMENTS.values():
            save_statuses(course, assignment, {p.id: _status(p.id, assignment, bank)
                                               for p in roster})
        start = time.perf_counter()
        for session in completion.sessions:
            files = write_session_reports(roster, session, root / "reports" / session.id)
            import_session(course, session.id, files, roster, completion)
        attendance_s = time.perf_counter() - start

        start = time.perf_counter()
        run = certify(course)
        certificates_s = time.perf_counter() - start
        pdfs = [course.private / "certificates" / e.file for e in run.issued.printed]

        start = time.perf_counter()
        files = write_course_report(course, course.private / "report").files
        report_s = time.perf_counter() - start
        return {
            "participants": len(roster),
            "attendance_import_4_sessions_s": round(attendance_s, 2),
            "certificates_issued": len(pdfs),
            "certificates_s": round(certificates_s, 2),
            "certificates_per_s": round(len(pdfs) / certificates_s, 1) if pdfs else None,
            "certificate_pdf_kb_avg": round(sum(p.stat().st_size for p in pdfs)
                                            / max(len(pdfs), 1) / 1024, 1),
            "report_s": round(report_s, 2),
            "report_html_kb": round(files.html.stat().st_size / 1024),
        }


def _status(pid: str, assignment: str, bank: Bank) -> StudentStatus:
    answers = simulated_answers(pid, assignment, bank)
    items = StaticAnswers(True, answers).scores(bank)  # the grading step's own scoring
    survey = {k: v for k, v in answers.items() if k not in items}
    return StudentStatus(pid, "graded", score=sum(items.values()), nbgrader_score=None,
                         item_scores=items, survey=survey)
