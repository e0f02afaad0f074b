"""Connected minutes per participant: the union of their connections, not the sum.

Officials drop out and rejoin, or sit in the meeting on a laptop and a phone at once; Zoom
and Teams list each connection separately. Adding the rows would count the same minutes twice
and let someone who left after 50 minutes look present, so overlapping connections are merged
and only the time actually covered counts. Nothing is added beyond what the reports show.

Only the scheduled session counts: a connection from 07:05 to 09:35 to a 09:00-11:00 session
is 35 minutes, not 150, and a duration-only row (no times) never counts beyond the session's
length.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from migration_course.attendance.readers import JoinRow


@dataclass(frozen=True)
class Attendance:
    """One participant at one session, as stored in ``private/attendance/<session>.csv``."""

    participant: str
    minutes: float
    present: bool
    sources: str


Window = tuple[dt.datetime, dt.datetime]


def connected_minutes(rows: Iterable[JoinRow], window: Window | None = None) -> float:
    """Connected time within ``window``: the union of the join-leave spans, plus duration-only rows.

    The union is capped by the durations the platform reported for the same rows: Zoom's
    "Show unique users" export gives one row per person from first join to last leave (gaps
    included) with the true total in its duration column, and no real connection lasts
    longer than the platform says. Two devices at once: the union is the smaller; one merged
    row with gaps: the duration is. Spans are clipped to the window first, and the total
    never exceeds the window's length.
    """
    rows = list(rows)
    timed = [r for r in rows if r.join is not None and r.leave is not None]
    untimed = sum(r.minutes for r in rows if r.join is None or r.leave is None)
    spans = [(r.join, r.leave) for r in timed]
    if window is not None:
        spans = [(max(j, window[0]), min(v, window[1])) for j, v in spans]
        spans = [(j, v) for j, v in spans if v > j]
    total = untimed + min(_union(spans), sum(r.minutes for r in timed))
    if window is not None:
        total = min(total, (window[1] - window[0]).total_seconds() / 60)
    return total


def _union(spans: list[tuple[dt.datetime, dt.datetime]]) -> float:
    """Minutes covered by at least one of the spans."""
    total = 0.0
    spans = sorted(spans)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    for join, leave in spans:
        if end is None or join > end:
            if start is not None and end is not None:
                total += (end - start).total_seconds() / 60
            start, end = join, leave
        else:
            end = max(end, leave)
    if start is not None and end is not None:
        total += (end - start).total_seconds() / 60
    return total


def is_present(minutes: float, threshold: float) -> bool:
    """Exactly the threshold counts: "at least 75% of the session"."""
    return minutes >= threshold


def tally(by_participant: dict[str, list[JoinRow]], roster_ids: Iterable[str],
          threshold: float, window: Window | None = None) -> list[Attendance]:
    """Every roster participant (absent ones with 0 minutes) and anyone matched, sorted by ID.

    Minutes are rounded to 0.01 before the threshold is applied, so the stored minutes and
    the stored verdict can never disagree when eligibility re-reads them.
    """
    out = []
    for pid in sorted(set(roster_ids) | set(by_participant)):
        rows = by_participant.get(pid, [])
        minutes = round(connected_minutes(rows, window), 2)
        out.append(Attendance(pid, minutes, is_present(minutes, threshold), _sources(rows)))
    return out


def _sources(rows: list[JoinRow]) -> str:
    """"zoom-a.csv rows 4, 9; zoom-b.csv rows 3": where to look when someone disputes it."""
    files: dict[str, list[int]] = {}
    for r in rows:
        files.setdefault(r.file, []).append(r.row)
    return "; ".join(f"{f} rows {', '.join(map(str, sorted(ns)))}" for f, ns in files.items())
