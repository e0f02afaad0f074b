"""Tie report rows to roster participants, and never guess between two people.

Officials join under whatever name their device shows: "GARCIA, Ana", "ana garcia",
"Ana (Ana María García López)" or a guest name with no e-mail. We match on e-mail first (the
one thing a person cannot mistype in the meeting), then on the instructor's aliases, then on
names compared without accents, case, punctuation or word order. A shortened name counts only
if it fits exactly one roster name; two candidates make the row ambiguous, listed with their
IDs for the instructor to settle in an aliases file, because a wrong match would give one
official another's certificate.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from migration_course.attendance.readers import JoinRow
from migration_course.core.errors import RowProblem
from migration_course.core.participants import Participant
from migration_course.core.textfiles import decode_text, fold


@dataclass
class MatchResult:
    """Rows per participant ID, rows matching nobody, and rows matching several people."""

    by_participant: dict[str, list[JoinRow]] = field(default_factory=dict)
    unmatched: list[JoinRow] = field(default_factory=list)
    ambiguous: list[tuple[JoinRow, tuple[str, ...]]] = field(default_factory=list)


def name_key(name: str) -> frozenset[str]:
    """Word set of a name without accents, case or punctuation ("GARCIA, Ana" = "Ana García")."""
    return frozenset(fold(name).split())


def name_variants(display: str) -> list[str]:
    """Zoom's ``Shown (Original)`` gives the original (registered) name first, then the shown."""
    m = re.fullmatch(r"\s*(.*?)\s*\((.+)\)\s*", display)
    return [m.group(2), m.group(1)] if m else [display]


class Matcher:
    """The roster indexed by e-mail and by name words, plus the instructor's aliases."""

    def __init__(self, roster: Iterable[Participant],
                 aliases: dict[str, str] | None = None) -> None:
        roster = list(roster)
        self.by_email = {p.email.strip().lower(): p.id for p in roster if p.email.strip()}
        self.names = [(name_key(p.full_name), p.id) for p in roster]
        self.aliases = {name_key(k): v for k, v in (aliases or {}).items()}

    def candidates(self, row: JoinRow) -> tuple[str, ...]:
        """Participant IDs this row may be: one is a match, none or several are not."""
        email = row.email.strip().lower()
        if email in self.by_email:
            return (self.by_email[email],)
        if name_key(row.name) in self.aliases:
            return (self.aliases[name_key(row.name)],)
        for variant in name_variants(row.name):
            words = name_key(variant)
            exact = tuple(pid for key, pid in self.names if key == words)
            if exact:
                return exact
            if len(words) >= 2:
                shorter = tuple(pid for key, pid in self.names if words < key)
                if shorter:
                    return shorter
        return ()


def match_rows(rows: Iterable[JoinRow], roster: Iterable[Participant],
               aliases: dict[str, str] | None = None) -> MatchResult:
    """Sort every row into matched (by participant), unmatched or ambiguous."""
    matcher = Matcher(roster, aliases)
    result = MatchResult()
    for row in rows:
        found = matcher.candidates(row)
        if len(found) == 1:
            result.by_participant.setdefault(found[0], []).append(row)
        elif found:
            result.ambiguous.append((row, found))
        else:
            result.unmatched.append(row)
    return result


def read_aliases(path: Path, known_ids: Iterable[str]) -> tuple[dict[str, str], list[RowProblem]]:
    """The instructor's ``display name,participant id`` CSV (a header row is optional)."""
    path = Path(path)
    known = set(known_ids)
    text, _ = decode_text(path.read_bytes())
    sample = text[:4096]
    table = csv.reader(io.StringIO(text), delimiter=";" if sample.count(";") > sample.count(",")
                       else ",")
    aliases: dict[str, str] = {}
    problems: list[RowProblem] = []
    for n, cells in enumerate(table, start=1):
        name, pid = (c.strip() for c in [*cells, "", ""][:2])
        if not name and not pid or n == 1 and fold(pid) == "participant id":
            continue
        if pid not in known:
            problems.append(RowProblem(path.name, n, "participant id", f"{pid!r} is not in the "
                                       "roster; use an ID such as GTM-03 from the roster"))
        else:
            aliases[name] = pid
    return aliases, problems
