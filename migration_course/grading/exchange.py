"""Release and collect questionnaires: through an nbgrader exchange, or by e-mail.

On JupyterHub participants fetch and submit through the exchange directory (the Assignments
tab). Officials without hub access receive the release notebook by e-mail and send back the
notebook and its answers file; the instructor saves the attachments in an inbox folder per
participant ID and ``nbgrader zip_collect`` files them as submissions. Both paths end in the
same ``submitted/<ID>/<assignment>/`` folders.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from migration_course.core.bank import Bank
from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.core.participants import read_roster
from migration_course.grading.identity import IdentityMap, file_under_roster_ids, refuse_forged_inbound
from migration_course.grading.intake import take_in
from migration_course.questionnaire.notebook import notebook_name

STUDENT_ID = re.compile(r"^[A-Z]{3}-\d{2,3}$")


def release(course: Course, assignment: str) -> Path:
    """Generate the participant copy, check it holds no key, and release it to the exchange."""
    course.nbgrader("generate_assignment", assignment, "--create", "--force")
    set_due_date(course, assignment)
    released = course.root / "release" / assignment
    add_translations(course.source_dir / assignment, released, assignment)
    leaks = find_key_leaks(released, course.bank)
    if leaks:
        shutil.rmtree(released)
        raise CourseError("The release would reveal the answer key; nothing was released:\n"
                          + "\n".join(f"{p}: {hit}" for p, hit in leaks))
    if course.exchange is not None:
        course.nbgrader("release_assignment", assignment, "--force")
    return released


def add_translations(source: Path, released: Path, assignment: str) -> list[Path]:
    """Copy the questionnaire's translations (``es/pre_questionnaire.ipynb``) into the release.

    nbgrader's generate_assignment copies every other file of an assignment but no notebook
    outside its top folder, and the translations must stay out of that folder so that nbgrader
    does not grade them (they are forms without tests, writing the graded answers file). They are
    checked for the key with the rest of the release just after.
    """
    copied = []
    for folder in sorted(p for p in Path(source).iterdir() if p.is_dir()):
        notebook = folder / notebook_name(assignment)
        if notebook.is_file():
            (released / folder.name).mkdir(parents=True, exist_ok=True)
            copied.append(Path(shutil.copy2(notebook, released / folder.name / notebook.name)))
    return copied


def collect(course: Course, assignment: str) -> tuple[list[str], list[str]]:
    """Collect every submission from the exchange into ``submitted/``; (IDs, problems).

    Forged inbound entries are moved aside first; afterwards each folder is filed under its
    roster ID, and anyone not on the roster is moved out of ``submitted/`` (never graded).
    """
    if course.exchange is None:
        raise CourseError("No exchange directory given: use --exchange DIR (the folder "
                          "JupyterHub participants submit to), or --email-inbox DIR")
    names, problems = _identities(course)
    if names is not None:
        problems += refuse_forged_inbound(course, assignment, names)
    # nbgrader's own rule: the last submission before the due date, else the last one
    course.nbgrader("collect", assignment, "--update", "--before-duedate")
    if names is not None:
        filing = file_under_roster_ids(course, assignment, names)
        problems += [f"renamed {r}" for r in filing.renamed] + filing.refused
    take_in(course, assignment, only_new=True)  # before anything can run: a private copy
    return sorted(course.submitted(assignment)), problems


def _identities(course: Course) -> tuple[IdentityMap | None, list[str]]:
    roster = read_roster(course.roster_file)
    if not roster:
        return None, [f"no roster in {course.roster_file}: names were not checked against it "
                      "(run `rcm-course roster import` first)"]
    return IdentityMap.of(roster), []


def set_due_date(course: Course, assignment: str) -> None:
    """Give nbgrader the questionnaire's closing time (UTC), from the course's rules."""
    window = course.completion.window(assignment)
    if window is None:
        return
    due = window.closes.astimezone(UTC).replace(tzinfo=None)
    with course.gradebook() as gb:
        gb.update_or_create_assignment(assignment, duedate=due)


def late_in_exchange(course: Course, assignment: str) -> list[str]:
    """Inbound submissions after closing that were not collected because an earlier one was.

    nbgrader names each inbound entry ``<student>+<assignment>+<UTC time>[+<random>]``.
    """
    window = course.completion.window(assignment)
    if window is None or course.exchange is None:
        return []
    from nbgrader.utils import parse_utc

    inbound = Path(course.exchange) / course.course_id / "inbound"
    late = []
    for entry in sorted(inbound.glob(f"*+{assignment}+*")) if inbound.is_dir() else []:
        student, _, stamp = entry.name.split("+")[:3]
        try:
            when = parse_utc(stamp)
        except ValueError:
            continue
        if window.is_late(when.replace(tzinfo=UTC) if when.tzinfo is None else when):
            late.append(f"{student} at {when:%Y-%m-%d %H:%M} UTC")
    return late


def collect_email(course: Course, assignment: str, inbox: Path) -> tuple[list[str], list[str]]:
    """File e-mailed answers (``inbox/<ID>/...``) as submissions with ``nbgrader zip_collect``.

    Returns (participant IDs collected, problems). A folder that is not a participant ID is
    reported and skipped; a participant who sent only one of the two files is collected and
    the grading step reports what is missing.
    """
    archive = course.root / "downloaded" / assignment / "archive"
    if archive.exists():
        shutil.rmtree(archive)
    archive.mkdir(parents=True)
    names, problems = _identities(course)
    students: list[str] = []
    for folder in sorted(Path(inbox).iterdir()):
        if not folder.is_dir():
            continue
        pid = names.resolve(folder.name) if names is not None else (
            folder.name if STUDENT_ID.match(folder.name) else None)
        if pid is None:
            problems.append(f"{folder}: " + (names.why_not(folder.name) if names is not None else
                            "folder name is not a participant ID like GTM-03; rename it to the "
                            "participant's ID"))
            continue
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix in {".ipynb", ".json"}]
        if not files:
            problems.append(f"{folder}: no notebook or answers file")
            continue
        latest, older = latest_copies(files)
        if older:
            problems.append(f"{folder}: re-sent files; the last copy of each counts ("
                            + ", ".join(f"{new.name} over {old}" for new, old in older) + ")")
        for name, p in latest.items():  # a renamed notebook is filed as sent; grading renames it
            shutil.copy2(p, archive / f"{pid}+{name}")
        students.append(pid)
    course.nbgrader("zip_collect", assignment, "--force")
    received = datetime.now(UTC).isoformat(sep=" ")
    for student in students:  # nbgrader's release_feedback needs a submission time
        stamp = course.root / "submitted" / student / assignment / "timestamp.txt"
        if stamp.parent.is_dir() and not stamp.exists():
            stamp.write_text(received, encoding="utf-8")
    take_in(course, assignment, students)  # before anything can run: a private copy
    return students, problems


RESENT = re.compile(r"^(?P<stem>.*?) \((?P<n>\d+)\)(?P<suffix>\.\w+)$")


def latest_copies(files: list[Path]) -> tuple[dict[str, Path], list[tuple[Path, str]]]:
    """The last copy of each attachment: ``x (2).json`` over ``x (1).json`` over ``x.json``.

    Mail programs and browsers save a second attachment of the same name as ``name (1).ext``;
    the highest number is the last one sent, filed under the original name. Returns {name to
    file it under: file} and the (kept file, replaced name) pairs to report.
    """
    best: dict[str, tuple[int, Path]] = {}
    replaced = []
    for p in sorted(files):
        m = RESENT.match(p.name)
        name, n = (m["stem"] + m["suffix"], int(m["n"])) if m else (p.name, 0)
        if name in best:
            keep, drop = (p, best[name][1]) if n > best[name][0] else (best[name][1], p)
            replaced.append((keep, drop.name))
            if keep is p:
                best[name] = (n, p)
        else:
            best[name] = (n, p)
    # A single copy keeps the name it was sent under (grading reports a renamed notebook).
    resent = {keep.name for keep, _ in replaced}
    return {(name if p.name in resent else p.name): p for name, (_, p) in best.items()}, replaced


def find_key_leaks(folder: Path, bank: Bank) -> list[tuple[Path, str]]:
    """(file, what it reveals) for files under ``folder`` with hidden tests or a key."""
    patterns = ["BEGIN HIDDEN TESTS", "END HIDDEN TESTS"]
    patterns += [f'answer("{k.id}") == "{k.answer}"' for k in bank.knowledge]
    patterns += [f"answer(&quot;{k.id}&quot;) == &quot;{k.answer}&quot;" for k in bank.knowledge]
    leaks = []
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file() and path.suffix in {".ipynb", ".html", ".json", ".txt", ".md"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            hits = [p for p in patterns if p in text]
            if hits:
                leaks.append((path, hits[0]))
    return leaks


def student_fetch_and_submit(course: Course, assignment: str, student: str, home: Path,
                             answer: Callable[[Path], None]) -> Path:
    """What a participant does on the hub: fetch, answer, submit (used by the demo and tests).

    ``answer(folder)`` stands for the participant clicking: it writes into the fetched folder.
    Runs nbgrader's own exchange classes in-process, as that participant.
    """
    from nbgrader.auth import Authenticator
    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default.fetch_assignment import ExchangeFetchAssignment
    from nbgrader.exchange.default.submit import ExchangeSubmit

    cfg = course.config()
    home.mkdir(parents=True, exist_ok=True)
    cfg.CourseDirectory.root = str(home)
    cfg.CourseDirectory.assignment_id = assignment
    cfg.CourseDirectory.student_id = student
    cfg.Exchange.assignment_dir = str(home)
    for cls in (ExchangeFetchAssignment, ExchangeSubmit):
        coursedir = CourseDirectory(config=cfg)
        app = cls(coursedir=coursedir, authenticator=Authenticator(config=cfg), config=cfg)
        if cls is ExchangeSubmit:
            answer(home / assignment)
        app.start()
    return home / assignment
