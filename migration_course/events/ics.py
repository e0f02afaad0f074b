"""An iCalendar file (RFC 5545) for one live event, so a participant can add it to any calendar.

Why written by hand and not with a library: the file is small and fixed (one VEVENT), and the
rules that matter are few and easy to get wrong silently: CRLF line endings, lines folded at 75
octets without splitting a UTF-8 character (names such as "Aragón" and "Jiménez"), and commas,
semicolons, backslashes and line breaks escaped in text. Times are written in UTC (the ``Z``
form), which every calendar converts to its owner's zone, so no VTIMEZONE is needed. The tests
parse the result with the ``icalendar`` package.
"""

from __future__ import annotations

import datetime as dt
import os

from migration_course.core.strings import text
from migration_course.events import render
from migration_course.events.settings import Event, LiveEvents

PRODID = "-//Regional Conference on Migration//Migration Policy Training Program//EN"
MAX_OCTETS = 75


def escape_text(value: str) -> str:
    r"""Escape a TEXT value (RFC 5545, 3.3.11): ``\`` ``;`` ``,`` and line breaks."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, MAX_OCTETS - 1  # continuation lines start with a space
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(moment: dt.datetime) -> str:
    """An aware datetime as an RFC 5545 UTC date-time: ``20200722T150000Z``."""
    if moment.tzinfo is None:
        raise ValueError("iCalendar times need an aware datetime (with a time zone)")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def build_time() -> dt.datetime:
    """When the file is made (DTSTAMP): ``SOURCE_DATE_EPOCH`` if set, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def calendar(uid: str, starts: dt.datetime, ends: dt.datetime, summary: str, description: str,
             location: str | None = None, stamp: dt.datetime | None = None) -> str:
    """The text of a one-event VCALENDAR, lines ending in CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{utc_stamp(stamp or build_time())}",
        f"DTSTART:{utc_stamp(starts)}",
        f"DTEND:{utc_stamp(ends)}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        *([f"LOCATION:{escape_text(location)}"] if location else []),
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def event_calendar(live: LiveEvents, event: Event, stamp: dt.datetime | None = None) -> str:
    """The calendar file of one live event, from the same settings as its page.

    The description repeats the agenda in plain text (a calendar shows no tables) and, while the
    course's time zone is unconfirmed, says so: the UTC times in the file were computed from it.
    """
    lines = [event.title]
    if event.core_topic:
        lines.append(event.core_topic)
    lines.append("")
    for row in event.agenda:
        facilitator = f" ({row.facilitated_by})" if row.facilitated_by else ""
        lines.append(f"{render.format_times(row.start, row.end)} {row.activity}{facilitator}")
        lines += [f"  - {render.speaker_line(s, str)}" for s in row.speakers]
    if not live.timezone_confirmed:
        lines += ["", text("events.calendar.unconfirmed", clock=render.clock_label(live.timezone),
                           zone=live.timezone)]
    lines += ["", text("events.calendar.page")]
    code = live.completion.programme.code_prefix
    return calendar(
        uid=f"{code}-{event.id}-{utc_stamp(event.starts)}@rcm-migration-policy-training",
        starts=event.starts, ends=event.ends, summary=event.title,
        description="\n".join(lines).strip(),
        location=text("events.calendar.location", platform=text("events.calendar.platform")),
        stamp=stamp)
