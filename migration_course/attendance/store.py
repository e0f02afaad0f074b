"""Attendance files in the course's private folder: one CSV per session, read back for eligibility.

One file per session means re-importing a session (a forgotten second Zoom room, a fixed
alias) replaces exactly that session and nothing else. The files hold pseudonymous IDs;
the unmatched lists hold display names, which is why everything stays under ``private/``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from migration_course.attendance.minutes import Attendance
from migration_course.attendance.readers import JoinRow
from migration_course.core.csvfiles import RecordFileError, write_rows

if TYPE_CHECKING:  # only .private is used; eligibility code need not import nbgrader for it
    from migration_course.core.course import Course

FOLDER = "attendance"
UNMATCHED = ".unmatched.csv"


def attendance_dir(course: Course) -> Path:
    """``private/attendance`` of this course (git-ignored)."""
    return course.private / FOLDER


def write_session(course: Course, session_id: str, records: Iterable[Attendance],
                  unresolved: Iterable[tuple[JoinRow, str]]) -> tuple[Path, Path]:
    """Replace the session's attendance file and its list of rows that matched nobody."""
    folder = attendance_dir(course)
    path, other = folder / f"{session_id}.csv", folder / f"{session_id}{UNMATCHED}"
    write_rows(path, ("participant", "minutes", "present", "sources"),
               ([r.participant, f"{r.minutes:.2f}", "yes" if r.present else "no", r.sources]
                for r in records))
    write_rows(other, ("file", "row", "display name", "email", "minutes", "status"),
               ([r.file, r.row, r.name, r.email, f"{r.minutes:.1f}", status]
                for r, status in unresolved))
    return path, other


def load_attendance(course: Course) -> dict[str, dict[str, float]]:
    """{session id: {participant id: connected minutes}} for every session imported so far."""
    folder = attendance_dir(course)
    out: dict[str, dict[str, float]] = {}
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        if path.name.endswith(UNMATCHED):
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if not {"participant", "minutes"} <= set(reader.fieldnames or []):
                raise RecordFileError(
                    f"{path}: not an attendance file written by `rcm-course attendance import` "
                    f"(no participant and minutes columns); move it out of {folder}")
            out[path.stem] = {row["participant"]: float(row["minutes"]) for row in reader}
    return out


