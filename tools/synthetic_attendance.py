"""Deterministic fake Zoom / Teams reports for the synthetic cohort (demo and tests).

No real participant report may enter the repository, yet the import must be exercised on the
messy shapes real ones have: rejoins, a laptop and a phone connected at once, names typed in
upper case, without accents or as "Last, First", Zoom's bracketed original name, guests
without e-mail and a device nobody can identify. Who was meant to attend is decided here
(:func:`intended_present`), independently of the import, so a test can compare the two.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from migration_course.attendance.match import name_key
from migration_course.core.completion import Session
from migration_course.core.participants import Participant

ABSENT, EARLY = 2, 3  # per session: never come / leave after about half the session
GUEST = "iPhone de Invitado"  # a device name on no roster, no e-mail: must stay unmatched
Spans = list[tuple[dt.datetime, dt.datetime]]


@dataclass(frozen=True)
class Plan:
    """Who connects when (absent people have no entry), and who was meant to be present."""

    spans: dict[str, Spans]
    present: frozenset[str]


def plan(participants: list[Participant], session: Session, seed: int = 2020) -> Plan:
    """The same connections for the same seed, decided before any report is written.

    Attending people are connected for at least 90% of the session, early leavers for 55% at
    most, so the intended verdicts hold for any threshold between those.
    """
    rng = random.Random(f"{seed}/{session.id}")
    ids = sorted(p.id for p in participants)
    picked = rng.sample(ids, ABSENT + EARLY + 1)
    absent, early, double = set(picked[:ABSENT]), picked[ABSENT:-1], picked[-1]
    start = dt.datetime.combine(session.date, session.start)
    length = session.scheduled_minutes

    def at(minutes: float) -> dt.datetime:
        return start + dt.timedelta(seconds=round(minutes * 60))

    out: dict[str, Spans] = {}
    for pid in ids:
        if pid in absent:
            continue
        join = rng.uniform(-3, 3)
        if pid in early:
            leave = length * (0.55 if pid == early[0] else rng.uniform(0.2, 0.5))
            out[pid] = [(at(join), at(leave))]
            if pid == early[0]:  # a phone at the same time: the sum passes, the union must not
                out[pid].append((at(join + 2), at(leave)))
            continue
        leave = length - rng.uniform(0, 3)
        if rng.random() < 0.4:  # dropped out and rejoined
            cut = rng.uniform(20, length - 20)
            out[pid] = [(at(join), at(cut)), (at(cut + rng.uniform(1, 4)), at(leave))]
        else:
            out[pid] = [(at(join), at(leave))]
        if pid == double:
            out[pid].append((at(10), at(40)))
    return Plan(out, frozenset(ids) - absent - set(early))


def intended_present(participants: list[Participant], session: Session,
                     seed: int = 2020) -> set[str]:
    """IDs the synthetic reports are meant to show at or above the threshold."""
    return set(plan(participants, session, seed).present)


def write_session_reports(participants: list[Participant], session: Session, folder: Path,
                          seed: int = 2020) -> list[Path]:
    """Zoom CSV for the panel and sessions 1 and 3, a Teams (2021) report for session 2."""
    folder.mkdir(parents=True, exist_ok=True)
    spans = plan(participants, session, seed).spans
    twins = Counter(name_key(p.full_name) for p in participants)
    start = dt.datetime.combine(session.date, session.start)
    people = []  # (display names to rotate through, e-mail or "", spans)
    for i, p in enumerate(sorted(participants, key=lambda p: p.id)):
        if p.id in spans:
            # People sharing a name on the roster are only told apart by e-mail.
            email = p.email if i % 3 == 0 or twins[name_key(p.full_name)] > 1 else ""
            people.append((_variants(p.full_name, i), email.upper() if i % 6 == 0 else email,
                           spans[p.id]))
    people.append(([GUEST], "", [(start + dt.timedelta(minutes=15), start +
                                  dt.timedelta(minutes=47))]))
    if session.id == "session-2":
        return [_teams(people, session, folder / f"{session.id}-attendance-report.csv")]
    return [_zoom(people, session, folder / f"{session.id}-participants.csv")]


def _variants(full_name: str, i: int) -> list[str]:
    """The ways this person's name shows up, rotated so each file has every kind."""
    first, _, last = full_name.partition(" ")
    plain = unicodedata.normalize("NFKD", full_name).encode("ascii", "ignore").decode()
    names = [full_name, full_name.upper(), plain, f"{last.upper()}, {first}",
             f"{first} ({full_name})"]
    return names[i % 5:] + names[:i % 5]


def _zoom(people: list, session: Session, path: Path) -> Path:
    """Zoom's participants export; the panel has the meeting summary block and 12-hour times."""
    iso = session.id == "session-1"  # the older export: lower-case headers, ISO times

    def when(t: dt.datetime) -> str:
        return f"{t:%Y-%m-%d %H:%M:%S}" if iso else f"{t:%m/%d/%Y %I:%M:%S %p}"

    rows = []
    for names, email, spans in people:
        for k, (join, leave) in enumerate(spans):
            minutes = math.ceil((leave - join).total_seconds() / 60)  # Zoom rounds up
            rows.append((join, [names[k % len(names)], email, when(join), when(leave),
                                minutes, "No" if email else "Yes", "No"]))
    rows = [cells for _, cells in sorted(rows, key=lambda r: (r[0], r[1][0]))]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        if session.id == "panel":
            start = dt.datetime.combine(session.date, session.start)
            end = dt.datetime.combine(session.date, session.end)
            w.writerow(["Meeting ID", "Topic", "Start Time", "End Time", "User Email",
                        "Duration (Minutes)", "Participants"])
            w.writerow(["812 3456 7890", session.title, when(start), when(end),
                        "host@example.org", round(session.scheduled_minutes), len(people)])
            w.writerow([])
        if iso:
            w.writerow(["Name (original name)", "User Email", "Join time", "Leave time",
                        "Duration (minutes)"])
            w.writerows(r[:5] for r in rows)
        else:
            w.writerow(["Name (Original Name)", "User Email", "Join Time", "Leave Time",
                        "Duration (Minutes)", "Guest", "In Waiting Room"])
            w.writerows(rows)
    return path


def _teams(people: list, session: Session, path: Path) -> Path:
    """The Teams attendance report (2021+): UTF-16 LE, tab-separated, three sections."""

    def when(t: dt.datetime) -> str:
        return f"{t.month}/{t.day}/{t:%y}, {t.hour % 12 or 12}:{t:%M:%S %p}"

    def length(seconds: float) -> str:
        s = round(seconds)
        return f"{s // 3600}h {s % 3600 // 60}m {s % 60}s" if s >= 3600 else \
            f"{s // 60}m {s % 60}s"

    summary, activities = [], []
    for names, email, spans in people:
        # Teams shows the account's one display name on every row, never a bracketed one.
        name = next(n for n in names if "(" not in n)
        total = sum((b - a).total_seconds() for a, b in spans)
        summary.append([name, when(min(a for a, _ in spans)), when(max(b for _, b in spans)),
                        length(total), email, email, "Attendee"])
        activities += [[name, when(a), when(b), length((b - a).total_seconds()), email,
                        "Attendee"] for a, b in spans]
    start = dt.datetime.combine(session.date, session.start)
    end = dt.datetime.combine(session.date, session.end)
    lines = [["1. Summary"], ["Meeting title", session.title],
             ["Attended participants", str(len(people))], ["Start time", when(start)],
             ["End time", when(end)], ["Meeting duration", length((end - start).total_seconds())],
             ["Average attendance time", "1h 41m 3s"], [], ["2. Participants"],
             ["Name", "First Join", "Last Leave", "In-Meeting Duration", "Email",
              "Participant ID (UPN)", "Role"], *summary, [], ["3. In-Meeting Activities"],
             ["Name", "Join Time", "Leave Time", "Duration", "Email", "Role"], *activities]
    text = "\r\n".join("\t".join(cells) for cells in lines) + "\r\n"
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    return path
