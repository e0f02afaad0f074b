"""Read the participant reports a host downloads from Zoom or Microsoft Teams.

Three real shapes arrive: Zoom's "Meeting participants" CSV (one row per join, sometimes after
a meeting summary block), the Teams attendance report used since 2021 (UTF-16, tab-separated,
numbered sections) and the older Teams attendance list (one row per Joined/Left click). The
format is recognised from its header row, never from the file name, because instructors
rename downloads. A row we cannot read is reported (file, row, field, what to do) and the
other rows are kept: one garbled time must not make a whole session look absent.

Most officials in the region run Zoom and Teams in Spanish, and the platforms translate the
headers and the Joined/Left words of their exports. Each layout therefore lists, per field,
the English header first and then the Spanish ones actually seen in real exports (each with
its source in LAYOUTS.md, next to this file); a header no source confirmed is not listed.
Headers and values are compared through :func:`fold`, so accents, case and punctuation lost in
a re-save by a spreadsheet do not matter.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from migration_course.core.errors import RowProblem
from migration_course.core.textfiles import decode_text, fold


@dataclass(frozen=True)
class JoinRow:
    """One connection of one person as the report shows it (times None = duration only)."""

    file: str
    row: int
    name: str
    email: str
    join: dt.datetime | None
    leave: dt.datetime | None
    minutes: float


@dataclass(frozen=True)
class Layout:
    """A table we know: accepted headers per field, English (canonical) first, then Spanish."""

    name: str
    columns: dict[str, tuple[str, ...]]
    # Teams' "2. Participants" spans first join to last leave, gaps included: only its
    # in-meeting duration is connected time, so its times must not enter the union.
    duration_only: bool = False


# The one table of headers. Spanish entries come from real exports or from code that parses
# them; LAYOUTS.md gives the source of each and lists what could not be confirmed (the Spanish
# columns of Teams' "3. Actividades de la reunión" among them, so a Spanish Teams report is
# read from its "2. Participantes" section).
ZOOM = Layout("Zoom meeting participants CSV", {
    "name": ("name (original name)", "name", "nombre (nombre original)"),
    "email": ("user email", "email", "e-mail del usuario", "correo electrónico"),
    "join": ("join time", "hora para unirse", "hora de entrada"),
    "leave": ("leave time", "hora para salir", "hora de salida"),
    "minutes": ("duration (minutes)", "duración (minutos)"),
    "waiting": ("in waiting room", "en sala de espera")})
TEAMS_ACTIVITIES = Layout("Teams attendance report (3. In-Meeting Activities)", {
    "name": ("name",), "email": ("email",), "join": ("join time",), "leave": ("leave time",),
    "minutes": ("duration",)})
TEAMS_PARTICIPANTS = Layout("Teams attendance report (2. Participants)", {
    "name": ("name", "nombre"), "email": ("email", "correo electrónico"),
    "join": ("first join", "primera entrada"), "leave": ("last leave", "última salida"),
    "minutes": ("in-meeting duration", "duración de la reunión")}, duration_only=True)
TEAMS_LEGACY = Layout("Teams attendance list (before 2021)", {
    "name": ("full name", "nombre completo"), "action": ("user action", "acción del usuario"),
    "time": ("timestamp", "marca de tiempo")})
# Preference order: Teams' per-join activities beat its per-person summary when both exist.
LAYOUTS = (TEAMS_ACTIVITIES, TEAMS_PARTICIPANTS, ZOOM, TEAMS_LEGACY)
OPTIONAL = {"email", "waiting"}
# Cell values with a meaning, in the same languages: Zoom's "In Waiting Room" Yes/Sí, the old
# Teams list's user actions ("Joined before" = joined before the host). Sources: LAYOUTS.md.
VALUES = {"yes": ("yes", "sí"),
          "joined": ("joined", "joined before", "unido", "se unió antes"),
          "left": ("left", "abandonó")}
LANGUAGES = "English and Spanish"
# US month/day first (Zoom's and Teams' English exports), then the same with day/month first
# (Spanish and French locales: "05/08/2020" is 5 August there).
_US = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
       "%m/%d/%y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%y %H:%M:%S", "%m/%d/%Y %H:%M",
       "%m/%d/%y %H:%M")
TIME_FORMATS = _US + tuple(f.replace("%m/%d", "%d/%m") for f in _US)
AM_PM = re.compile(r"\s*\b([ap])\.?\s?m\.?(?=\s|$)", re.IGNORECASE)  # "a. m.", "p.m.", "PM"
# An offset written after the time: "UTC", "GMT-6", "UTC-06:00", "(UTC-05:00)".
STATED_ZONE = re.compile(r"\s*\(?\b(?:UTC|GMT)(?:(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?\)?$",
                         re.IGNORECASE)
SECTION = re.compile(r"^\d+\.\s")  # "2. Participants", "3. Actividades de la reunión"
# Teams' duration units: "1h 32m 5s" in English, "1 h 32 min 5 s" in Spanish (LAYOUTS.md).
DURATION_UNITS = {"h": 60.0, "min": 1.0, "m": 1.0, "s": 1 / 60}
_UNIT = "|".join(sorted(DURATION_UNITS, key=len, reverse=True))  # "min" before "m"
_DURATION = re.compile(rf"(?:\s*\d+\s*(?:{_UNIT}))+\s*")
_DURATION_PART = re.compile(rf"(\d+)\s*({_UNIT})")


class ReportFormatError(ValueError):
    """The file is not a report we know; the message names the headers found and the formats."""


@dataclass
class Report:
    """What one file gave: connection rows, rows we could not use, and its format."""

    layout: str
    rows: list[JoinRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


def parse_time(text: str, near: dt.date | None = None) -> dt.datetime | None:
    """``07/22/2020 09:01:23 AM``, ``7/22/20, 9:01:23 AM``, ``22/07/2020 09:01`` or ISO.

    A time that states its offset (ISO ``Z``/``-06:00``, or ``UTC-06:00``, ``GMT-6`` after it)
    comes back aware, so the importer moves it to the course's clock whatever the account's
    time zone was; every other time comes back naive, on the export's clock.

    A date like ``05/08/2020`` is 8 May in a US export and 5 August in a Spanish one; the
    session's date (``near``) settles it: the reading within a day of it wins. Without it,
    month/day is tried first. None if unreadable.
    """
    text = " ".join(text.replace(",", " ").split())  # also folds Teams' narrow no-break space
    text = AM_PM.sub(lambda m: f" {m.group(1).upper()}M", text).strip()
    try:
        return dt.datetime.fromisoformat(text)  # with its offset when it states one ("Z", "-06:00")
    except ValueError:
        pass
    text, zone = _stated_zone(text)
    readings = []
    for fmt in TIME_FORMATS:
        try:
            readings.append(dt.datetime.strptime(text, fmt))
        except ValueError:
            continue
    if near is not None:
        close = [r for r in readings if abs((r.date() - near).days) <= 1]
        readings = close or readings
    return readings[0].replace(tzinfo=zone) if readings else None


def _stated_zone(text: str) -> tuple[str, dt.timezone | None]:
    """``"… 9:01:23 AM UTC-06:00"`` -> (the time without it, UTC-6); no zone stated -> None."""
    found = STATED_ZONE.search(text)
    if not found:
        return text, None
    sign, hours, minutes = found.group("sign"), found.group("h"), found.group("m")
    offset = dt.timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    return text[:found.start()].strip(), dt.timezone(-offset if sign == "-" else offset)


def parse_minutes(text: str) -> float | None:
    """Zoom's ``93`` (minutes) or Teams' ``1h 32m 5s`` / ``1 h 32 min 5 s``; None if unreadable."""
    text = " ".join(text.lower().split())  # also folds the no-break spaces Teams may put there
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    if not _DURATION.fullmatch(text):
        return None
    return sum(int(n) * DURATION_UNITS[u] for n, u in _DURATION_PART.findall(text))


def means(value: str, meaning: str) -> bool:
    """Whether a cell says ``meaning`` ("yes", "joined", "left") in any language we read."""
    return fold(value) in _folded(VALUES[meaning])


@cache
def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    """The table's words as :func:`fold` leaves them, in the table's order (once per tuple)."""
    return tuple(fold(w) for w in words)


def read_report(path: Path, session_end: dt.datetime | None = None) -> Report:
    """Parse one export; ``session_end`` closes a legacy-Teams join that has no "Left".

    Its date also tells day/month from month/day in the file's times (see :func:`parse_time`).
    """
    path = Path(path)
    text, _ = decode_text(path.read_bytes())
    table = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text)))
    keys = [[fold(c) for c in cells] for cells in table]
    for layout in LAYOUTS:
        for i, header in enumerate(keys):
            columns = _columns(layout, header, table[i])
            if columns is not None:
                body = _body(table, i)
                if layout is TEAMS_LEGACY:
                    report = _legacy(path.name, body, columns, session_end)
                else:
                    report = _connections(path.name, body, columns, layout,
                                          session_end.date() if session_end else None)
                _check_date(path.name, report, session_end)
                return report
    found = next((cells for cells in table if len([c for c in cells if c.strip()]) > 1), [])
    raise ReportFormatError(f"{path.name}: not a participant report this tool knows. Headers "
                            f"found: {', '.join(c.strip() for c in found) or '(none)'}. Accepted "
                            f"({LANGUAGES}; a / between the words one column may have): "
                            f"{accepted_headers()}. If Zoom or Teams was set to another language, "
                            "switch it to English and download the participants report again.")


def accepted_headers() -> str:
    """Each layout's required headers in every language, for the message refusing a file."""
    return "; ".join(
        f"{lay.name} ({', '.join(' / '.join(v) for f, v in lay.columns.items() if f not in OPTIONAL)})"
        for lay in LAYOUTS)


def _delimiter(text: str) -> str:
    """Tab (Teams), comma (Zoom), or semicolon (a report re-saved by a Spanish Excel)."""
    sample = text[:4096]
    if "\t" in sample:
        return "\t"
    return ";" if sample.count(";") > sample.count(",") else ","


def _check_date(file: str, report: Report, session_end: dt.datetime | None) -> None:
    """Refuse a report of another day: imported under the wrong session, it would count."""
    days = {r.join.date() for r in report.rows if r.join is not None}
    if session_end is None or not days:
        return
    if all(abs((d - session_end.date()).days) > 1 for d in days):
        shown = ", ".join(sorted(d.isoformat() for d in days))
        raise ReportFormatError(f"{file}: its connections are dated {shown}, but the session is "
                                f"on {session_end.date().isoformat()}; is this the right "
                                "session's report? Import it under its own session")


@dataclass(frozen=True)
class Columns:
    """Where a layout's fields are in one file (-1: optional and absent), and their names there.

    A row problem names the column as the instructor sees it in the file: "hora de salida"
    in a Spanish export, "leave time" in an English one.
    """

    index: dict[str, int]
    label: dict[str, str]

    def get(self, cells: list[str], name: str) -> str:
        """The stripped cell of field ``name`` in ``cells`` ("" if absent or short)."""
        i = self.index[name]
        return cells[i].strip() if 0 <= i < len(cells) else ""


def _columns(layout: Layout, header: list[str], shown: list[str]) -> Columns | None:
    """The layout's columns if the folded ``header`` is its header row, else None."""
    index = {f: next((header.index(h) for h in _folded(names) if h in header), -1)
             for f, names in layout.columns.items()}
    if any(i < 0 for f, i in index.items() if f not in OPTIONAL):
        return None
    label = {f: " ".join(shown[i].lower().split()) if i >= 0 else layout.columns[f][0]
             for f, i in index.items()}
    return Columns(index, label)


def _body(table: list[list[str]], header: int) -> list[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells) up to the next numbered section."""
    out = []
    for n, cells in enumerate(table[header + 1:], start=header + 2):
        if len(cells) == 1 and SECTION.match(cells[0].strip()):
            break
        if any(c.strip() for c in cells):
            out.append((n, cells))
    return out


def _connections(file: str, body: list[tuple[int, list[str]]], columns: Columns,
                 layout: Layout, near: dt.date | None) -> Report:
    report = Report(layout.name)
    for n, cells in body:
        get = {f: columns.get(cells, f) for f in columns.index}
        if means(get.get("waiting", ""), "yes"):
            continue  # Zoom lists time in the waiting room as its own row: not attendance
        if not get["name"]:
            report.problems.append(RowProblem(file, n, columns.label["name"],
                                              "empty; the row was skipped"))
            continue
        minutes = parse_minutes(get["minutes"])
        if layout.duration_only:
            if minutes is None:
                report.problems.append(RowProblem(
                    file, n, columns.label["minutes"], f"{get['minutes']!r} is not a "
                    f"duration like 1h 32m 5s; {get['name']} was skipped: fix it and import again"))
            else:
                report.rows.append(JoinRow(file, n, get["name"], get["email"], None, None,
                                           minutes))
            continue
        join, leave = parse_time(get["join"], near), parse_time(get["leave"], near)
        if join is None or leave is None or leave < join:
            f = "join" if join is None else "leave"
            why = (f"is before the join time {get['join']}" if join and leave else
                   "is not a date and time like 07/22/2020 09:01:23 AM")
            report.problems.append(RowProblem(
                file, n, columns.label[f], f"{get[f]!r} {why}; the row ({get['name']}) "
                "was skipped: fix it in the file and import again"))
            continue
        span = (leave - join).total_seconds() / 60
        report.rows.append(JoinRow(file, n, get["name"], get["email"], join, leave,
                                   span if minutes is None else minutes))
    return report


def _legacy(file: str, body: list[tuple[int, list[str]]], columns: Columns,
            session_end: dt.datetime | None) -> Report:
    """Pair each Joined with the same person's next Left; an open join runs to the end."""
    report = Report(TEAMS_LEGACY.name)
    action_label, time_label = columns.label["action"], columns.label["time"]
    # A list per name: someone on a laptop and a phone has two joins open at once.
    open_joins: dict[str, list[tuple[int, dt.datetime]]] = {}
    for n, cells in body:
        name, action = columns.get(cells, "name"), columns.get(cells, "action")
        when = parse_time(columns.get(cells, "time"), session_end.date() if session_end else None)
        if when is None:
            report.problems.append(RowProblem(
                file, n, time_label, f"{columns.get(cells, 'time')!r} is not a date and "
                f"time; this {action or 'row'} of {name} was skipped: fix it and import again"))
        elif means(action, "joined"):  # also "Joined before" / "Se unió antes" (the host)
            open_joins.setdefault(name, []).append((n, when))
        elif means(action, "left") and open_joins.get(name):
            row, join = open_joins[name].pop(0)
            report.rows.append(_span(file, row, name, join, max(when, join)))
        else:
            report.problems.append(RowProblem(
                file, n, action_label, f"{action!r} for {name} without an earlier Joined; "
                "ignored (nothing to measure)"))
    for name, joins in open_joins.items():
        for row, join in joins:
            if session_end is None or session_end <= join:
                report.problems.append(RowProblem(
                    file, row, action_label, f"{name} joined and never left, and the "
                    f"session's end ({session_end or 'unknown'}) is not after the join: is this "
                    "the right session's report?"))
            else:
                report.rows.append(_span(file, row, name, join, session_end))
    return report


def _span(file: str, row: int, name: str, join: dt.datetime, leave: dt.datetime) -> JoinRow:
    return JoinRow(file, row, name, "", join, leave, (leave - join).total_seconds() / 60)
