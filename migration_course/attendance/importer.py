"""One session's import: read every report file, match to the roster, tally, store.

The command line and the demo both go through :func:`import_session`, so what an instructor
runs is what the end-to-end test checks. A file that cannot be read at all stops the import
of that session before anything is written (half a session would look like absences); a row
that cannot be read is reported and the other rows are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from migration_course.attendance.match import MatchResult, match_rows, read_aliases
from migration_course.attendance.minutes import Attendance, tally
from migration_course.attendance.readers import JoinRow, read_report
from migration_course.attendance.store import write_session
from migration_course.core.completion import Completion, Session
from migration_course.core.course import Course
from migration_course.core.errors import RowProblem, UserError
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


class SessionWindowError(UserError):
    """No connection of a report falls inside the scheduled session: another clock, or day."""


def import_session(course: Course, session_id: str, files: Sequence[Path],
                   roster: Sequence[Participant], completion: Completion,
                   aliases: Path | None = None,
                   export_timezone: str | None = None) -> SessionImport:
    """Import ``files`` as the whole of ``session_id``, replacing any earlier import of it.

    Only minutes between the session's start and end count, on the clock of the course's
    ``timezone``. The platforms' participant reports mostly give local times without an offset,
    in the time zone of the account that exported them; when that is not the course's,
    ``export_timezone`` names it and the times are converted. Times that state an offset are
    converted by it.

    Raises ``CompletionConfigError`` for an unknown session, ``ReportFormatError`` or
    ``OSError`` for a file that is not a readable report, and :class:`SessionWindowError` when
    no connection overlaps the session at all; nothing is written then.
    """
    session = completion.session(session_id)
    if export_timezone:
        try:
            ZoneInfo(export_timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise SessionWindowError(f"--export-timezone {export_timezone!r} is not a time zone "
                                     "name; use one such as America/Mexico_City or "
                                     "America/Guatemala") from None
    result = SessionImport(session, completion.min_minutes(session_id))
    alias_map: dict[str, str] = {}
    if aliases is not None:
        alias_map, result.problems = read_aliases(aliases, (p.id for p in roster))
    rows: list[JoinRow] = []
    end = dt.datetime.combine(session.date, session.end)
    for path in files:
        report = read_report(Path(path), end)
        result.files.append((Path(path).name, report.layout, len(report.rows)))
        file_rows = [_on_course_clock(r, export_timezone, completion.timezone)
                     for r in report.rows]
        _check_overlap(Path(path).name, file_rows, session, completion.timezone)
        rows += file_rows
        result.problems += report.problems
    result.rows = len(rows)
    result.match = match_rows(rows, roster, alias_map)
    result.records = tally(result.match.by_participant, (p.id for p in roster), result.threshold,
                           session.window)
    unresolved = [(r, "unmatched") for r in result.match.unmatched] + [
        (r, "ambiguous: " + " ".join(ids)) for r, ids in result.match.ambiguous]
    result.written = write_session(course, session.id, result.records, unresolved)
    return result


def _on_course_clock(row: JoinRow, export_zone: str | None, course_zone: str) -> JoinRow:
    """The row with its times moved to the course's clock.

    A time that states its own offset is moved by that offset; if the instructor also named the
    export's time zone and the two disagree at that moment, nothing can say which is right, so
    the import is refused. A time without an offset is on ``export_zone`` (default: the course's).
    """
    if row.join is None or row.leave is None:
        return row
    target = ZoneInfo(course_zone)
    source = ZoneInfo(export_zone) if export_zone else target

    def move(when: dt.datetime) -> dt.datetime:
        if when.tzinfo is None:
            return when.replace(tzinfo=source).astimezone(target).replace(tzinfo=None)
        if export_zone and when.utcoffset() != when.replace(tzinfo=source).utcoffset():
            raise SessionWindowError(
                f"{row.file}, row {row.row}: the time {when:%Y-%m-%d %H:%M} states UTC"
                f"{_offset(when)}, but --export-timezone {export_zone} was UTC"
                f"{_offset(when.replace(tzinfo=source))} then; leave --export-timezone out (the "
                "file's own offset is used) or check which report this is")
        return when.astimezone(target).replace(tzinfo=None)

    return replace(row, join=move(row.join), leave=move(row.leave))


def _offset(when: dt.datetime) -> str:
    """``-06:00`` for a time six hours behind UTC."""
    minutes = int((when.utcoffset() or dt.timedelta()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _check_overlap(name: str, rows: list[JoinRow], session: Session, zone: str) -> None:
    """Refuse a report whose timed connections all lie outside the scheduled session."""
    timed = [r for r in rows if r.join is not None and r.leave is not None]
    start, end = session.window
    if timed and not any(r.join < end and r.leave > start for r in timed):
        first = min(r.join for r in timed if r.join is not None)
        last = max(r.leave for r in timed if r.leave is not None)
        raise SessionWindowError(
            f"{name}: none of its {len(timed)} connections ({first:%H:%M}-{last:%H:%M}) falls "
            f"within {session.id} ({start:%Y-%m-%d %H:%M}-{end:%H:%M}, {zone}); the report is "
            "probably in another time zone: give it with --export-timezone ZONE (for example "
            "America/Mexico_City), or check that it is this session's report")
