"""One session's import: read every report file, match to the roster, tally, store.

The command line and the demo both go through :func:`import_session`, so what an instructor
runs is what the end-to-end test checks. A file that cannot be read at all stops the import
of that session before anything is written (half a session would look like absences); a row
that cannot be read is reported and the other rows are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from migration_course.attendance.match import MatchResult, match_rows, read_aliases
from migration_course.attendance.minutes import Attendance, tally
from migration_course.attendance.readers import JoinRow, read_report
from migration_course.attendance.store import write_session
from migration_course.core.completion import Completion, Session
from migration_course.core.course import Course
from migration_course.core.errors import RowProblem
from migration_course.core.participants import Participant


@dataclass
class SessionImport:
    """What one import read, matched and stored, for the instructor to check."""

    session: Session
    threshold: float
    files: list[tuple[str, str, int]] = field(default_factory=list)  # name, format, rows
    rows: int = 0
    match: MatchResult = field(default_factory=MatchResult)
    records: list[Attendance] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    written: tuple[Path, ...] = ()

    @property
    def below(self) -> list[Attendance]:
        """Roster participants under the threshold (absent ones included, at 0 minutes)."""
        return [r for r in self.records if not r.present]


def import_session(course: Course, session_id: str, files: Sequence[Path],
                   roster: Sequence[Participant], completion: Completion,
                   aliases: Path | None = None) -> SessionImport:
    """Import ``files`` as the whole of ``session_id``, replacing any earlier import of it.

    Raises ``CompletionConfigError`` for an unknown session and ``ReportFormatError`` or
    ``OSError`` for a file that is not a readable report; nothing is written then.
    """
    session = completion.session(session_id)
    result = SessionImport(session, completion.min_minutes(session_id))
    alias_map: dict[str, str] = {}
    if aliases is not None:
        alias_map, result.problems = read_aliases(aliases, (p.id for p in roster))
    rows: list[JoinRow] = []
    end = dt.datetime.combine(session.date, session.end)
    for path in files:
        report = read_report(Path(path), end)
        result.files.append((Path(path).name, report.layout, len(report.rows)))
        rows += report.rows
        result.problems += report.problems
    result.rows = len(rows)
    result.match = match_rows(rows, roster, alias_map)
    result.records = tally(result.match.by_participant, (p.id for p in roster), result.threshold)
    unresolved = [(r, "unmatched") for r in result.match.unmatched] + [
        (r, "ambiguous: " + " ".join(ids)) for r, ids in result.match.ambiguous]
    result.written = write_session(course, session.id, result.records, unresolved)
    return result
