"""The register of issued certificates: the only proof that a code printed on paper is real.

A CSV in the course's private folder (it holds names), one row per certificate. Rows are
never removed by the tools: a code, once issued, stays valid and stays the participant's
(re-runs reprint with the same code), and withdrawing a certificate is a human decision made
by editing ``status`` (for example to ``revoked``), which ``verify`` then reports.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from migration_course.certificates.codes import normalise
from migration_course.core.csvfiles import read_records, write_records

ISSUED = "issued"
REGISTER_FILE = "register.csv"  # inside course.private / "certificates"


@dataclass(frozen=True)
class RegisterEntry:
    """One issued certificate."""

    code: str
    participant: str
    full_name: str
    country: str
    issued_on: str  # ISO date
    file: str
    status: str = ISSUED


def read_register(path: Path) -> list[RegisterEntry]:
    """Every row of the register (empty if nothing was issued yet)."""
    return read_records(path, RegisterEntry)


def write_register(entries: Iterable[RegisterEntry], path: Path) -> None:
    """Write the register atomically: a crash mid-write must not lose issued codes."""
    write_records(path, RegisterEntry, sorted(entries, key=lambda e: e.participant))


def verify(code: str, path: Path) -> RegisterEntry | None:
    """The register row of ``code``, or None if there is none.

    Raises :class:`~migration_course.certificates.codes.CodeError` for a malformed code (bad
    check character: "probably mistyped"), so a typo is never reported as a forgery.
    """
    wanted = normalise(code)
    return next((e for e in read_register(path) if e.code == wanted), None)
