"""What a participant handed in, kept as data before anything runs; and the notebook nbgrader runs.

Why: nbgrader scores a notebook by executing it, and a submitted notebook is code the
participant wrote. One added cell could read the key, the roster and other people's answers,
rewrite its own answers file or leave a process behind. The answers are data (a JSON file the
form writes), so scoring needs none of the participant's code:

1. **Intake** (at collection, and at grading for folders that never went through it): the
   answers file and notebook of each submission are copied into the course's private
   ``intake/`` folder, read-only, with their SHA-256. Scoring reads this copy and checks its
   hash, so nothing that happens later in ``submitted/`` can change a score.
2. **Scrub** (before nbgrader runs): the submitted folder is replaced by the *released*
   notebook plus the intake copy of the answers. nbgrader then executes only the course's own
   cells and hidden tests; the participant's notebook is only ever read as JSON (to tell the
   instructor which cells were added or edited), never run. Feedback is generated from the
   scrubbed, graded notebook.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import stat
from dataclasses import asdict, dataclass
from pathlib import Path

from migration_course.core.course import Course
from migration_course.core.errors import CourseError
from migration_course.questionnaire.notebook import answers_file, notebook_name

MANIFEST = "intake.json"
# Files nbgrader itself writes into a submission, kept through the scrub.
NBGRADER_FILES = ("timestamp.txt", "submission_secret.txt")
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP
# A questionnaire notebook is well under 1 MB; anything far larger is not kept.
MAX_FILE_BYTES = 20_000_000


@dataclass(frozen=True)
class Received:
    """One participant's intake record: hashes of what they sent, and the collection stamp."""

    student: str
    answers_sha256: str = ""
    files: tuple[str, ...] = ()
    timestamp: str = ""


def intake_dir(course: Course, assignment: str) -> Path:
    """``<course>/private/intake/<assignment>/``: instructor-only, git-ignored."""
    return course.private / "intake" / assignment


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def load_manifest(course: Course, assignment: str) -> dict[str, Received]:
    """Intake records by participant ID (empty before the first collection)."""
    path = intake_dir(course, assignment) / MANIFEST
    if not path.exists():
        return {}
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {s: Received(**{**r, "files": tuple(r["files"])}) for s, r in raw.items()}


def _save_manifest(course: Course, assignment: str, records: dict[str, Received]) -> None:
    path = intake_dir(course, assignment) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({s: asdict(r) for s, r in sorted(records.items())}, indent=1),
                   encoding="utf-8")
    tmp.replace(path)


def _stamp(folder: Path) -> str:
    stamp = folder / "timestamp.txt"
    return stamp.read_text(encoding="utf-8").strip() if stamp.exists() else ""


def take_in(course: Course, assignment: str, students: list[str] | None = None,
            only_new: bool = False) -> dict[str, Received]:
    """Copy each submission's answers file and notebooks into the private intake, read-only.

    ``only_new`` keeps an existing record whose collection stamp is unchanged: a scrubbed
    folder must never be taken in again as if the participant had sent it.
    """
    records = load_manifest(course, assignment)
    folders = course.submitted(assignment)
    for student in sorted(folders if students is None else [s for s in students if s in folders]):
        folder = folders[student]
        old = records.get(student)
        if only_new and old is not None and old.timestamp == _stamp(folder):
            continue
        target = intake_dir(course, assignment) / student
        if target.exists():
            for p in target.iterdir():
                p.chmod(stat.S_IRUSR | stat.S_IWUSR)
            shutil.rmtree(target)
        target.mkdir(parents=True)
        kept = []
        for p in sorted(folder.iterdir()):  # what was handed in, as sent (sub-folders aside)
            if p.is_file() and p.name not in NBGRADER_FILES and p.stat().st_size <= MAX_FILE_BYTES:
                shutil.copy2(p, target / p.name)
                (target / p.name).chmod(READ_ONLY)
                kept.append(p.name)
        answers = target / answers_file(assignment)
        records[student] = Received(student, sha256(answers) if answers.exists() else "",
                                    tuple(kept), _stamp(folder))
    _save_manifest(course, assignment, records)
    return records


def received_folder(course: Course, assignment: str, student: str) -> Path:
    """The intake copy of what ``student`` sent, after checking the answers file's hash."""
    record = load_manifest(course, assignment).get(student)
    folder = intake_dir(course, assignment) / student
    if record is None or not folder.is_dir():
        raise CourseError(f"no intake copy of {student}'s {assignment}; run `rcm-course collect` "
                          "again")
    answers = folder / answers_file(assignment)
    if record.answers_sha256 and (not answers.exists() or sha256(answers) != record.answers_sha256):
        raise CourseError(f"{answers}: changed since it was collected (its SHA-256 no longer "
                          "matches the intake record); collect this participant again")
    return folder


def scrub(course: Course, assignment: str, student: str) -> None:
    """Make ``submitted/<student>/<assignment>/`` the released notebook plus the intake answers."""
    folder = course.submitted(assignment)[student]
    received = received_folder(course, assignment, student)
    for p in folder.iterdir():
        if p.name in NBGRADER_FILES:
            continue
        if p.is_dir():
            shutil.rmtree(p)
        else:
            p.unlink()
    shutil.copy2(course.release_notebook(assignment), folder / notebook_name(assignment))
    answers = received / answers_file(assignment)
    if answers.exists():
        shutil.copyfile(answers, folder / answers.name)
