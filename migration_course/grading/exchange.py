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
from migration_course.grading.intake import take_in

STUDENT_ID = re.compile(r"^[A-Z]{3}-\d{2,3}$")


def release(course: Course, assignment: str) -> Path:
    """Generate the participant copy, check it holds no key, and release it to the exchange."""
    course.nbgrader("generate_assignment", assignment, "--create", "--force")
    set_due_date(course, assignment)
    released = course.root / "release" / assignment
    leaks = find_key_leaks(released, course.bank)
    if leaks:
        shutil.rmtree(released)
        raise CourseError("The release would reveal the answer key; nothing was released:\n"
                          + "\n".join(f"{p}: {hit}" for p, hit in leaks))
    if course.exchange is not None:
        course.nbgrader("release_assignment", assignment, "--force")
    return released


def collect(course: Course, assignment: str) -> list[str]:
    """Collect every submission from the exchange into ``submitted/``; return the IDs."""
    if course.exchange is None:
        raise CourseError("No exchange directory given: use --exchange DIR (the folder "
                          "JupyterHub participants submit to), or --email-inbox DIR")
    # nbgrader's own rule: the last submission before the due date, else the last one
    course.nbgrader("collect", assignment, "--update", "--before-duedate")
    take_in(course, assignment, only_new=True)  # before anything can run: a private copy
    return sorted(course.submitted(assignment))


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
    problems, students = [], []
    for folder in sorted(Path(inbox).iterdir()):
        if not folder.is_dir():
            continue
        if not STUDENT_ID.match(folder.name):
            problems.append(f"{folder}: folder name is not a participant ID like GTM-03; "
                            "rename it to the participant's ID")
            continue
        files = [p for p in folder.iterdir() if p.is_file() and p.suffix in {".ipynb", ".json"}]
        if not files:
            problems.append(f"{folder}: no notebook or answers file")
            continue
        for p in files:  # a renamed notebook is filed as sent; grading renames it back
            shutil.copy2(p, archive / f"{folder.name}+{p.name}")
        students.append(folder.name)
    course.nbgrader("zip_collect", assignment, "--force")
    received = datetime.now(UTC).isoformat(sep=" ")
    for student in students:  # nbgrader's release_feedback needs a submission time
        stamp = course.root / "submitted" / student / assignment / "timestamp.txt"
        if stamp.parent.is_dir() and not stamp.exists():
            stamp.write_text(received, encoding="utf-8")
    take_in(course, assignment, students)  # before anything can run: a private copy
    return students, problems


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
