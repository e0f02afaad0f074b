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

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from migration_course.core.bank import PHASE_OF
from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.grading.autograde import (
    Progress,
    autograde_parallel,
    default_workers,
    forget,
    print_progress,
)
from migration_course.grading.intake import load_manifest, received_folder, scrub, take_in
from migration_course.grading.integrity import cross_check, notebook_changes
from migration_course.grading.preflight import check_submission
from migration_course.questionnaire.answers import StaticAnswers, read_answers
from migration_course.questionnaire.notebook import notebook_name


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
    # The option letter clicked per knowledge item (unanswered items absent), for the report's
    # item analysis (which distractors were chosen). None: not recorded, as in statuses saved
    # before choices were kept; that is not the same as a participant who left all blank.
    choices: dict[str, str] | None = None


def grade(course: Course, assignment: str, workers: int | None = None,
          students: Sequence[str] | None = None,
          progress: Progress | None = print_progress,
          accept_late: Sequence[str] = ()) -> dict[str, StudentStatus]:
    """Grade the collected submissions (all, or ``students``) with the course's own bank.

    No participant code runs: each submission is taken in (a read-only, hashed copy), its
    answers are read as data, and nbgrader autogrades the scrubbed folder, which holds only the
    released notebook and that copy of the answers (:mod:`migration_course.grading.intake`).
    A hub submission after the questionnaire closed is kept and marked ``late``, not scored,
    unless its participant is in ``accept_late``.
    """
    folders = course.submitted(assignment)
    chosen = sorted(folders if students is None else [s for s in students if s in folders])
    take_in(course, assignment, chosen, only_new=True)
    statuses: dict[str, StudentStatus] = {}
    answers: dict[str, StaticAnswers] = {}
    for student in chosen:
        st = statuses[student] = StudentStatus(student, "pending")
        try:
            received = received_folder(course, assignment, student)
        except CourseError as exc:
            st.status, st.reason = "failed", str(exc)
            forget(course, assignment, student)
            continue
        late = late_reason(course, assignment, folders[student])
        if late and student not in accept_late:
            st.status, st.reason = "late", late
            forget(course, assignment, student)
            continue
        st.notes, st.flags = inspect_notebook(course, assignment, received)
        if late:
            st.notes.append(f"{late.split(';')[0]}; accepted by the instructor")
        static = answers[student] = read_answers(received, assignment, course.bank)
        if not static.found:
            st.status = "failed"
            st.reason = ("no answers saved (" + "; ".join(static.problems) + "); the participant "
                         "must also submit the answers file")
            forget(course, assignment, student)  # nbgrader's all-wrong 0 must not survive
            continue
        st.notes.extend(static.problems)
        scrub(course, assignment, student)
    gradable = [s for s in chosen if statuses[s].status == "pending"]
    outcomes = autograde_parallel(course, assignment, gradable, workers or default_workers(),
                                  progress)
    for student in gradable:
        _finish(course, assignment, statuses[student], answers[student],
                outcomes[student].success, outcomes[student].reason)
    flag_identical_answers(course, assignment, statuses)
    save_statuses(course, assignment, statuses)
    return statuses


def late_reason(course: Course, assignment: str, folder: Path) -> str:
    """Why a hub submission is late (after the closing time), or "" when it is not.

    Only the hub's own time stamp counts (nbgrader writes it at submission, in UTC); an e-mailed
    answer has no such stamp (its file carries the time it was collected), so the instructor
    decides on e-mails by their date before collecting them.
    """
    window = course.completion.window(assignment)
    stamp = folder / "timestamp.txt"
    if window is None or not (folder / "submission_secret.txt").exists() or not stamp.exists():
        return ""
    from nbgrader.utils import parse_utc

    try:
        when = parse_utc(stamp.read_text(encoding="utf-8").strip()).replace(tzinfo=dt.UTC)
    except ValueError:
        return ""
    if not window.is_late(when):
        return ""
    closes = window.closes
    return (f"submitted {when.astimezone(closes.tzinfo):%Y-%m-%d %H:%M}, after the closing time "
            f"{closes:%Y-%m-%d %H:%M} ({closes.tzinfo}); kept, not scored: to accept it, run "
            f"`rcm-course grade {assignment} --accept-late {folder.parent.name}`")


def inspect_notebook(course: Course, assignment: str, received: Path) -> tuple[list[str], list[str]]:
    """(notes, flags) about the participant's notebook, read as JSON in a scratch copy.

    The notebook is never run or graded; what it says only helps the instructor see an
    attempt (cells added, locked cells edited or deleted) or a damaged file.
    """
    with tempfile.TemporaryDirectory(prefix="rcm-inspect-") as tmp:
        copy = Path(tmp) / received.name / assignment
        shutil.copytree(received, copy)
        for p in copy.iterdir():
            p.chmod(0o644)
        pre = check_submission(copy, assignment, None)
        notes = list(pre.notes)
        if not pre.ok:
            return [*notes, f"notebook: {pre.reason} (not needed: the answers file is graded)"], []
        changes = notebook_changes(course.release_notebook(assignment),
                                   copy / notebook_name(assignment))
        return notes, [f"notebook: {c}" for c in changes]


def flag_identical_answers(course: Course, assignment: str,
                           statuses: dict[str, StudentStatus]) -> None:
    """Flag participants whose answers files are byte-identical to someone else's."""
    records = load_manifest(course, assignment)
    by_hash: dict[str, list[str]] = {}
    for student, record in records.items():
        if record.answers_sha256:
            by_hash.setdefault(record.answers_sha256, []).append(student)
    for group in by_hash.values():
        for student in group:
            if len(group) > 1 and student in statuses:
                others = ", ".join(s for s in sorted(group) if s != student)
                statuses[student].flags.append(f"answers file identical to {others}'s "
                                               "(same bytes, same saving times): check with both")


def _finish(course: Course, assignment: str, st: StudentStatus, static: StaticAnswers,
            graded: bool, reason: str) -> None:
    bank = course.bank
    survey_ids = {i.id for i in bank.survey_items(PHASE_OF[assignment])}
    st.survey = {k: v for k, v in static.answers.items() if k in survey_ids}
    st.item_scores = static.scores(bank)
    st.score = sum(st.item_scores.values())
    st.choices = {k.id: v for k in bank.knowledge if isinstance(v := static.answers.get(k.id), str)}
    check = cross_check(course, assignment, st.student, static)
    if graded:
        st.status = "graded"
        st.nbgrader_score = sum(check.nbgrader_scores.values())
        if check.flagged:
            st.flags.insert(0, "nbgrader disagrees with the answers file on "
                            f"{len(check.disagreements)} item(s): "
                            + "; ".join(check.disagreements[:5]))
    else:
        # nbgrader could not run the released notebook; the answers file is still readable,
        # so the instructor sees the verified score next to the failure instead of a silent 0.
        st.status = "failed"
        st.reason = f"autograde failed: {reason}"
        st.flags.insert(0, f"answers file alone would score {st.score:g}; review by hand")
        st.score, st.item_scores, st.choices = None, {}, None


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
