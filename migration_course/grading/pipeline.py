"""The grading step: check, autograde, read answers, cross-check, record a status per person.

Every collected submission ends with exactly one status, kept in the course's private folder
so that ``export`` (maybe days later) reports what really happened:

- ``graded``: scored; the score is the verified one (from the answers file), and flags say
  when nbgrader disagreed or the notebook was tampered with;
- ``failed``: could not be scored, with the reason (never shown as a 0);
- ``missing`` (added at export): on the roster, nothing collected.

The file also records the fingerprint of the bank that scored them: statuses are only ever read
back against that same bank (a regrade is needed after the bank changes).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from migration_course.core.bank import PHASE_OF
from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.grading.autograde import (
    Progress,
    autograde_parallel,
    forget,
    print_progress,
)
from migration_course.grading.integrity import cross_check
from migration_course.grading.preflight import check_submission
from migration_course.questionnaire.answers import read_answers


@dataclass
class StudentStatus:
    """Everything export needs about one participant's submission."""

    student: str
    status: str
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    score: float | None = None
    nbgrader_score: float | None = None
    item_scores: dict[str, float] = field(default_factory=dict)
    survey: dict[str, object] = field(default_factory=dict)


def grade(course: Course, assignment: str, workers: int = 2,
          students: Sequence[str] | None = None,
          progress: Progress | None = print_progress) -> dict[str, StudentStatus]:
    """Grade the collected submissions (all, or ``students``) with the course's own bank."""
    folders = course.submitted(assignment)
    chosen = sorted(folders if students is None else [s for s in students if s in folders])
    statuses: dict[str, StudentStatus] = {}
    gradable = []
    for student in chosen:
        pre = check_submission(folders[student], assignment, course.release_notebook(assignment))
        if pre.ok:
            gradable.append(student)
            statuses[student] = StudentStatus(student, "pending", notes=pre.notes)
        else:
            forget(course, assignment, student)
            statuses[student] = StudentStatus(student, "failed", pre.reason, pre.notes)
    outcomes = autograde_parallel(course, assignment, gradable, workers, progress)
    for student in gradable:
        _finish(course, assignment, statuses[student], outcomes[student].success,
                outcomes[student].reason)
    save_statuses(course, assignment, statuses)
    return statuses


def _finish(course: Course, assignment: str, st: StudentStatus, graded: bool,
            reason: str) -> None:
    bank = course.bank
    folder = course.submitted(assignment)[st.student]
    static = read_answers(folder, assignment, bank)
    st.notes.extend(static.problems if static.found else [])
    survey_ids = {i.id for i in bank.survey_items(PHASE_OF[assignment])}
    st.survey = {k: v for k, v in static.answers.items() if k in survey_ids}
    if not static.found:
        st.status = "failed"
        st.reason = ("no answers saved (" + "; ".join(static.problems) + "); the participant "
                     "must also submit the answers file")
        forget(course, assignment, st.student)  # nbgrader's all-wrong 0 must not survive
        return
    st.item_scores = static.scores(bank)
    st.score = sum(st.item_scores.values())
    check = cross_check(course, assignment, st.student, static, folder)
    st.flags = [f"notebook: {c}" for c in check.notebook_changes]
    if graded:
        st.status = "graded"
        st.nbgrader_score = sum(check.nbgrader_scores.values())
        if check.flagged:
            st.flags.insert(0, "nbgrader disagrees with the answers file on "
                            f"{len(check.disagreements)} item(s): "
                            + "; ".join(check.disagreements[:5]))
    else:
        # nbgrader could not run the notebook; the answers file is still readable, so the
        # instructor sees the verified score next to the failure instead of a silent 0.
        st.status = "failed"
        st.reason = f"autograde failed: {reason}"
        st.flags.insert(0, f"answers file alone would score {st.score:g}; review by hand")
        st.score, st.item_scores = None, {}


def save_statuses(course: Course, assignment: str, statuses: dict[str, StudentStatus]) -> None:
    """Merge these statuses into the saved ones (a regrade replaces a student's old status)."""
    saved = load_statuses(course, assignment)
    saved.update(statuses)
    path = course.status_file(assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"bank": course.bank.fingerprint,
              "students": {s: asdict(v) for s, v in sorted(saved.items())}}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


def load_statuses(course: Course, assignment: str) -> dict[str, StudentStatus]:
    """Statuses saved by earlier ``grade`` runs, refused if another bank scored them."""
    path = course.status_file(assignment)
    if not path.exists():
        return {}
    record = json.loads(path.read_text("utf-8"))
    if not isinstance(record, dict) or record.get("bank") != course.bank.fingerprint:
        raise CourseError(f"{path}: these {assignment} results were scored with another "
                          f"question bank than {course.bank_file} (it has changed since, or "
                          f"the file comes from another course); run `rcm-course grade "
                          f"{assignment}` again for this course")
    return {s: StudentStatus(**v) for s, v in record["students"].items()}
