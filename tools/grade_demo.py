"""``make grade-demo``: a synthetic cohort through the whole programme, in a temporary course.

roster (CSV/XLSX lists with bad rows) -> release (exchange) -> participants answer and submit
(on the hub, or by e-mail) -> collect (exchange + zip_collect) -> parallel autograde ->
integrity cross-check -> regrade of a participant whose new notebook cannot run -> feedback ->
export; then the post-questionnaire the same way, the Zoom / Teams attendance reports of the
four live sessions, Certificates of Achievement and the learning-gain report. Some
participants hand in the bad submissions of :mod:`tools.bad_submissions`; the summary shows the outcome
of each. Nothing is written to the repository; it doubles as the
end-to-end test (tests/test_grading_demo.py).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from migration_course.attendance.importer import SessionImport, import_session
from migration_course.certificates.issue import Certification, certify
from migration_course.core.bank import ASSIGNMENTS, Bank
from migration_course.core.course import Course
from migration_course.core.participants import Participant, write_roster
from migration_course.grading.autograde import print_progress
from migration_course.grading.exchange import (
    collect,
    collect_email,
    find_key_leaks,
    release,
    student_fetch_and_submit,
)
from migration_course.grading.export import export
from migration_course.grading.feedback import generate_feedback
from migration_course.grading.intake import take_in
from migration_course.grading.pipeline import StudentStatus, grade
from migration_course.questionnaire.notebook import notebook_name, notebook_path
from migration_course.report.write import ReportFiles, write_course_report
from migration_course.roster import RosterResult, add_to_gradebook, import_lists
from tools import bad_submissions
from tools.synthetic_attendance import write_session_reports
from tools.synthetic_cohort import cohort, simulated_answers, write_answers, write_focal_point_lists

ASSIGNMENT = ASSIGNMENTS["pre"]
POST = ASSIGNMENTS["post"]
# Who hands in what. Belize's officials answer by e-mail (no hub account).
BAD_ON_HUB = {
    "CAN-01": "invalid_json", "CAN-02": "edited_and_deleted_locked", "CRI-01": "endless_loop",
    "CRI-02": "loop_ignoring_sigint", "DOM-01": "forged_equality", "DOM-02": "huge_outputs",
    "SLV-01": "utf16_notebook", "SLV-02": "windows1252_notebook", "GTM-01": "extra_files",
    "GTM-02": "damaged_answers", "HND-01": "missing_notebook",
    "NIC-01": "tampered_answer_values", "HND-02": "exfiltrating_cell",
}
BAD_BY_EMAIL = {"BLZ-01": "missing_answers", "BLZ-02": "renamed_notebook"}
NEVER_SUBMITS = ("HND-05",)
# Two more skip the post-questionnaire (no gain measurable, no certificate).
SKIP_POST = ("NIC-05", "USA-05")
REGRADE = "PAN-01"  # graded fine, then resubmits a notebook that never stops (never run)
# Officials answer in the language the roster gives them (Spanish for most); those of Guatemala
# answer the post-questionnaire in English, so the cohort holds Spanish-pre/English-post pairs.
POST_IN_ENGLISH = "GTM"


def answering_language(person: Participant, assignment: str) -> str:
    """The language a participant answers ``assignment`` in, in the demonstration."""
    if assignment == POST and person.country == POST_IN_ENGLISH:
        return "en"
    return person.reads
EXTRA_ROWS = [  # bad rows a focal point might send, appended to Guatemala's list
    ["Rosa Díaz", "rosa.diaz@example.org", "Colombia", "Ministerio", "Analyst"],
    ["", "sin.nombre@example.org", "Guatemala", "Ministerio", "Analyst"],
    ["Iván Cruz", "ivan.cruz@", "Guatemala", "Ministerio", "Analyst"],
]


@dataclass
class DemoResult:
    """What the demo produced, for the summary and the end-to-end test."""

    workdir: Path
    course: Course
    roster: RosterResult
    statuses: dict[str, StudentStatus]
    scores_csv: Path
    survey_csv: Path
    leaks: list[str]
    timings: dict[str, float] = field(default_factory=dict)
    regrade: StudentStatus | None = None
    gradebook_after_regrade: list[str] = field(default_factory=list)
    post: dict[str, StudentStatus] = field(default_factory=dict)
    attendance: dict[str, SessionImport] = field(default_factory=dict)
    certification: Certification | None = None
    report: ReportFiles | None = None


def run_demo(workdir: Path | None = None, workers: int = 2, cell_timeout: int = 5,
             quiet: bool = False) -> DemoResult:
    """Run the whole pipeline on the synthetic cohort; keep files in ``workdir`` if given."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="rcm-grade-demo-"))
    start = time.monotonic()

    def say(text: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:5.0f} s] {text}", flush=True)

    course = Course.create(workdir / "course", exchange=workdir / "exchange",
                           overrides={"Execute.timeout": cell_timeout})
    open_questionnaires_now(course)
    bank = course.bank
    timings: dict[str, float] = {}
    clock = time.monotonic()

    say("1. Roster: importing the focal points' lists")
    lists = write_focal_point_lists(cohort(), workdir / "lists")
    _append_bad_rows(workdir / "lists" / "gtm.csv")
    roster = import_lists(lists)
    add_to_gradebook(roster.participants, course)
    write_roster(roster.participants, course.roster_file)
    say(f"   {len(roster.participants)} participants; {len(roster.problems)} rows not imported:")
    for problem in roster.problems:
        say(f"   - {problem}")

    say("2. Release: generating the participant copy and releasing it to the exchange")
    release(course, ASSIGNMENT)

    say("3. Participants answer and submit (hub) or e-mail their files")
    _submit_all(course, ASSIGNMENT, roster, bank, workdir, {**BAD_ON_HUB, **BAD_BY_EMAIL},
                set(NEVER_SUBMITS))
    timings["submit"] = time.monotonic() - clock

    say("4. Collect from the exchange and from the e-mail inbox (zip_collect)")
    hub, _ = collect(course, ASSIGNMENT)
    by_mail, mail_problems = collect_email(course, ASSIGNMENT, _inbox(workdir, ASSIGNMENT))
    say(f"   {len(hub)} collected from the hub, {len(by_mail)} by e-mail; "
        f"{len(mail_problems)} inbox problems")

    say(f"5. Autograde in {workers} parallel batches")
    clock = time.monotonic()
    statuses = grade(course, ASSIGNMENT, workers, progress=None if quiet else
                     print_progress)
    timings["grade"] = time.monotonic() - clock

    say(f"6. {REGRADE} resubmits a notebook that never stops: it is never run, the answers count")
    bad_submissions.loop_ignoring_sigint(course.submitted(ASSIGNMENT)[REGRADE], ASSIGNMENT)
    take_in(course, ASSIGNMENT, [REGRADE])  # collected again
    regrade = grade(course, ASSIGNMENT, 1, [REGRADE], progress=None)[REGRADE]
    with course.gradebook() as gb:
        in_gb = sorted(s.student.id for s in gb.assignment_submissions(ASSIGNMENT))
    statuses[REGRADE] = regrade

    say("7. Feedback (demo only: on a real cohort, wait until the post-questionnaire is in)")
    generate_feedback(course, ASSIGNMENT, allow_before_post=True, release=True)
    leaks = [f"{p}: {h}" for folder in ("release", "feedback")
             for p, h in find_key_leaks(course.root / folder, bank)]

    say("8. Export")
    scores_csv, survey_csv = export(course, ASSIGNMENT, course.private / "exports")

    say("9. Post-questionnaire: release, answer (same items), collect, grade, export")
    clock = time.monotonic()
    release(course, POST)
    _submit_all(course, POST, roster, bank, workdir, {}, {*NEVER_SUBMITS, *SKIP_POST})
    collect(course, POST)
    collect_email(course, POST, _inbox(workdir, POST))
    post = grade(course, POST, workers, progress=None if quiet else print_progress)
    export(course, POST, course.private / "exports")
    timings["post"] = time.monotonic() - clock

    say("10. Attendance: import the Zoom / Teams reports of the panel and the three sessions")
    completion = course.completion
    attendance = {}
    for session in completion.sessions:
        files = write_session_reports(roster.participants, session,
                                      workdir / "attendance" / session.id)
        attendance[session.id] = import_session(course, session.id, files, roster.participants,
                                                completion)

    say("11. Certificates of Achievement for those who completed every activity")
    certification = certify(course)

    say("12. Learning-gain and satisfaction report")
    report = write_course_report(course, course.private / "report").files

    result = DemoResult(workdir, course, roster, statuses, scores_csv, survey_csv, leaks,
                        timings, regrade, in_gb, post, attendance, certification, report)
    if not quiet:
        print_summary(result, bank)
    return result


def open_questionnaires_now(course: Course, hours: int = 24) -> None:
    """The demo's participants answer today: open both questionnaires around now.

    The demonstration course keeps the 2020 programme's windows, so a demo run years later
    would otherwise find every hub submission late.
    """
    import datetime as dt

    import yaml

    raw = yaml.safe_load(course.completion_file.read_text(encoding="utf-8"))
    now = dt.datetime.now(ZoneInfo(raw["timezone"])).replace(tzinfo=None, second=0, microsecond=0)
    span = dt.timedelta(hours=hours)
    raw["questionnaires"] = {a: {"opens": f"{now - span:%Y-%m-%d %H:%M}",
                                 "closes": f"{now + span:%Y-%m-%d %H:%M}"}
                             for a in ASSIGNMENTS.values()}
    course.completion_file.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    course.__dict__.pop("completion", None)  # read the new windows


def expected_outcomes() -> dict[str, bad_submissions.BadInput]:
    """Participant ID -> the bad input they hand in (and the outcome it must get)."""
    return {pid: bad_submissions.BY_NAME[name] for pid, name in {**BAD_ON_HUB, **BAD_BY_EMAIL}.items()}


def _submit_all(course: Course, assignment: str, roster: RosterResult, bank: Bank,
                workdir: Path, bad_inputs: dict[str, str], skip: set[str]) -> None:
    """Every participant answers: on the hub, or (Belize) by e-mail to an inbox folder."""
    inbox = _inbox(workdir, assignment)
    inbox.mkdir(parents=True, exist_ok=True)
    for p in roster.participants:
        if p.id in skip:
            continue
        answers = simulated_answers(p.id, assignment, bank)
        answer = _answerer(assignment, answers, bad_inputs.get(p.id), bank,
                           answering_language(p, assignment))
        if p.country == "BLZ":
            folder = inbox / p.id
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(course.release_notebook(assignment), folder / notebook_name(assignment))
            answer(folder)
        else:
            student_fetch_and_submit(course, assignment, p.id, workdir / "homes" / p.id, answer)


def _inbox(workdir: Path, assignment: str) -> Path:
    """Where the e-mailed attachments of one questionnaire are saved, one folder per ID."""
    return workdir / "inbox" / assignment


def _answerer(assignment: str, answers: dict[str, object], bad: str | None,
              bank: Bank, language: str = "en") -> Callable[[Path], None]:
    def answer(folder: Path) -> None:
        write_answers(folder, assignment, answers, bank,
                      language if (folder / notebook_path(assignment, language)).is_file() else "en")
        if bad:
            bad_submissions.BY_NAME[bad].mutate(folder, assignment)
    return answer


def _append_bad_rows(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as fh:
        first_email = list(csv.reader(fh))[1][1].strip()
    with path.open("a", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerows(EXTRA_ROWS)
        w.writerow(["Duplicate Person", " " + first_email.upper(), "GTM", "x", "y"])


def print_summary(result: DemoResult, bank: Bank) -> None:
    """Human-readable summary: counts, every non-routine outcome, scores by country."""
    st = result.statuses
    roster_ids = [p.id for p in result.roster.participants]
    counts = Counter(s.status for s in st.values())
    missing = [pid for pid in roster_ids if pid not in st]
    print("\n=== Summary ===")
    print(f"Roster: {len(roster_ids)} participants, {len(result.roster.problems)} bad rows "
          "reported")
    print(f"Submissions: {counts['graded']} graded, {counts['failed']} failed, "
          f"{len(missing)} missing ({', '.join(missing)})")
    print(f"Grading: {result.timings['grade']:.0f} s for {len(st)} submissions")
    print("Special cases:")
    for pid, bad in sorted(expected_outcomes().items()):
        s = st[pid]
        detail = s.reason or " | ".join(s.flags + s.notes)
        print(f"  {pid} {bad.name:<26} -> {s.status}: {detail[:110]}")
    if result.regrade:
        print(f"  {REGRADE} regrade (loop)           -> {result.regrade.status}; in gradebook: "
              f"{REGRADE in result.gradebook_after_regrade}")
    by_country: dict[str, list[float]] = {}
    country = {p.id: p.country for p in result.roster.participants}
    for pid, s in st.items():
        if s.status == "graded" and s.score is not None:
            by_country.setdefault(country[pid], []).append(s.score)
    max_score = sum(k.points for k in bank.knowledge)
    print("Mean verified score by country (of " f"{max_score:g}): " + ", ".join(
        f"{c} {sum(v) / len(v):.1f}" for c, v in sorted(by_country.items())))
    print(f"Answer key in release/ or feedback/: {'NONE' if not result.leaks else result.leaks}")
    print(f"Exports: {result.scores_csv}\n         {result.survey_csv}")
    post = Counter(s.status for s in result.post.values())
    print(f"Post-questionnaire: {post['graded']} graded, {post['failed']} failed, "
          f"{len(roster_ids) - len(result.post)} missing")
    for sid, imp in result.attendance.items():
        print(f"Attendance {sid}: {imp.rows} rows from {len(imp.files)} file(s), "
              f"{len(imp.records) - len(imp.below)} present (>= {imp.threshold:g} min), "
              f"{len(imp.match.unmatched)} unmatched row(s), {len(imp.problems)} unreadable")
    if result.certification:
        run = result.certification
        print(f"Certificates: {run.eligible} eligible of {len(run.decisions)}; "
              f"{len(run.issued.printed)} PDFs with verification codes; "
              f"{len(run.issued.failed)} failed")
    if result.report:
        print(f"Report: {result.report.html}")


def main(argv: list[str] | None = None) -> int:
    """``make grade-demo``: run the demonstration and remove its folder unless ``--keep``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m tools.grade_demo", description=__doc__)
    parser.add_argument("--keep", type=Path, help="keep the demo course in this folder")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    result = run_demo(args.keep, args.workers)
    if args.keep is None:
        shutil.rmtree(result.workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
