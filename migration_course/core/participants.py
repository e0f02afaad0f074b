"""A participant of the programme as every feature sees them, and the course's roster file.

The roster is written by ``rcm-course roster import`` (:mod:`migration_course.roster`) and read
by grading, attendance, certificates and the report: one record type and one reader keep them
agreeing on who is enrolled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from migration_course.core.csvfiles import read_records, write_records


@dataclass(frozen=True)
class Participant:
    """One participant after normalisation, with the pseudonymous ID they are graded under."""

    id: str
    full_name: str
    email: str
    country: str  # ISO3
    institution: str
    role: str

    @property
    def first_last(self) -> tuple[str, str]:
        """First name and the rest, for nbgrader's first_name/last_name columns."""
        first, _, last = self.full_name.partition(" ")
        return first, last


def write_roster(participants: Iterable[Participant], path: Path) -> None:
    """Write the private roster (ID and contact details) used by later imports and reports."""
    write_records(path, Participant, participants)


def read_roster(path: Path) -> list[Participant]:
    """Read a roster written by :func:`write_roster` (empty if there is none yet)."""
    return read_records(path, Participant)
